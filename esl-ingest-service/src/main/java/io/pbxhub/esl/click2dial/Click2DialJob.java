package io.pbxhub.esl.click2dial;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A click-to-dial job: pending until FreeSWITCH's BACKGROUND_JOB says how the originate went. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Click2DialJob(String jobId, UUID instanceId, String status, String callUuid, String cause,
        Instant createdAt, Instant completedAt) {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    static Click2DialJob pending(String jobId, UUID instanceId, Instant at) {
        return new Click2DialJob(jobId, instanceId, PENDING, null, null, at, null);
    }

    /** The outcome from the BACKGROUND_JOB body: {@code +OK <uuid>} or {@code -ERR <cause>}. */
    Click2DialJob completed(String body, Instant at) {
        String result = body == null ? "" : body.strip();
        if (result.startsWith("+OK")) {
            String uuid = result.substring(3).strip();
            return new Click2DialJob(jobId, instanceId, SUCCEEDED, uuid.isEmpty() ? null : uuid, null, createdAt, at);
        }
        String cause = result.startsWith("-ERR") ? result.substring(4).strip() : result;
        return new Click2DialJob(jobId, instanceId, FAILED, null, cause.isEmpty() ? "unknown" : cause, createdAt, at);
    }
}
