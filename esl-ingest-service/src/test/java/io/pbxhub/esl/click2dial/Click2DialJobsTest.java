package io.pbxhub.esl.click2dial;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.protocol.EslEvent;

import static org.assertj.core.api.Assertions.assertThat;

class Click2DialJobsTest {

    private final Click2DialJobs jobs = new Click2DialJobs();
    private final EslInstance pbx = new EslInstance(UUID.randomUUID(), "t1", "127.0.0.1", 8021);

    @Test
    void aResultReadBeforeTheRequestRecordedItsJobIsKeptForIt() {
        jobs.backgroundJob(pbx, result("job-1", "-ERR USER_NOT_REGISTERED\n"));

        Click2DialJob answered = jobs.started("job-1", pbx.instanceId());

        assertThat(answered.status()).as("the caller is told pending, as always").isEqualTo(Click2DialJob.PENDING);
        assertThat(jobs.find(pbx.instanceId(), "job-1")).hasValueSatisfying(j -> {
            assertThat(j.status()).isEqualTo(Click2DialJob.FAILED);
            assertThat(j.cause()).isEqualTo("USER_NOT_REGISTERED");
        });
    }

    @Test
    void anEarlyResultOfAnotherInstanceDoesNotCompleteTheJob() {
        jobs.backgroundJob(new EslInstance(UUID.randomUUID(), "t2", "127.0.0.2", 8021),
                result("job-2", "+OK 6a0c5b4e-4f3e-4b8e-9a8e-2f3f9f1b7c11\n"));

        jobs.started("job-2", pbx.instanceId());

        assertThat(jobs.find(pbx.instanceId(), "job-2")).hasValueSatisfying(
                j -> assertThat(j.status()).isEqualTo(Click2DialJob.PENDING));
    }

    private static EslEvent result(String jobId, String body) {
        return new EslEvent(Map.of("Event-Name", "BACKGROUND_JOB", "Job-UUID", jobId, "Job-Command", "originate"),
                body);
    }
}
