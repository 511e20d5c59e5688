package io.pbxhub.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Reachability of one PBX instance's database and ESL connection. instance-service publishes the result of its checks;
 * esl-ingest-service publishes the live ESL state of the connection it holds (database then {@code UNKNOWN}). Key:
 * instance id (compacted topic).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceStatus(UUID instanceId, Reachability database, Reachability esl, String reason, String reporter,
        Instant checkedAt) {

    public enum Reachability {
        UP, DOWN, UNKNOWN
    }
}
