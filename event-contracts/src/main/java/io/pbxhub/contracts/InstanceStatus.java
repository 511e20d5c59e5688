package io.pbxhub.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Reachability of one PBX instance's database and ESL connection. instance-service publishes the result of its checks;
 * esl-ingest-service publishes the live ESL state of the connection it holds (database then {@code UNKNOWN}). Key:
 * instance id (compacted topic).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record InstanceStatus(UUID instanceId, Reachability database, Reachability esl, String reason, String reporter,
        Instant checkedAt) {

    public enum Reachability {
        UP,
        DOWN,
        UNKNOWN
    }
}
