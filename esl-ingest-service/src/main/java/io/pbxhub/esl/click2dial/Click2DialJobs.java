package io.pbxhub.esl.click2dial;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.protocol.EslEvent;

/**
 * The last {@link #CAPACITY} click-to-dial jobs, in memory (a result is only interesting for minutes). The oldest job
 * is forgotten first. FreeSWITCH sends every listener the BACKGROUND_JOB of every bgapi, so only results of jobs this
 * service started are kept. The bgapi reply always precedes its BACKGROUND_JOB on the wire, but the job is recorded
 * by the request's thread once it sees the reply, which may be after the event loop already read the result: the last
 * {@link #EARLY_CAPACITY} originate results of unknown jobs wait here for their job.
 */
@Singleton
public class Click2DialJobs {

    static final int CAPACITY = 10_000;

    private final Map<String, Click2DialJob> jobs = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Click2DialJob> eldest) {
            return size() > CAPACITY;
        }
    };

    static final int EARLY_CAPACITY = 1_000;

    private record Early(UUID instanceId, String body, Instant at) {
    }

    private final Map<String, Early> early = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Early> eldest) {
            return size() > EARLY_CAPACITY;
        }
    };

    /** Records a job FreeSWITCH accepted; the caller is answered "pending" even if its result is already in. */
    synchronized Click2DialJob started(String jobId, UUID instanceId) {
        Click2DialJob job = Click2DialJob.pending(jobId, instanceId, Instant.now());
        Early result = early.remove(jobId);
        jobs.put(jobId, result != null && result.instanceId().equals(instanceId)
                ? job.completed(result.body(), result.at())
                : job);
        return job;
    }

    /** A BACKGROUND_JOB of an originate: records its outcome. Other jobs (status api calls...) are not ours. */
    public synchronized void backgroundJob(EslInstance instance, EslEvent event) {
        String jobId = event.get("Job-UUID");
        if (jobId == null || !"originate".equals(event.get("Job-Command"))) {
            return;
        }
        Click2DialJob known = jobs.get(jobId);
        if (known == null) {
            early.put(jobId, new Early(instance.instanceId(), event.body(), Instant.now()));
            return;
        }
        if (!instance.instanceId().equals(known.instanceId())) {
            return;
        }
        jobs.put(jobId, known.completed(event.body(), Instant.now()));
    }

    public synchronized Optional<Click2DialJob> find(UUID instanceId, String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(j -> j.instanceId().equals(instanceId));
    }
}
