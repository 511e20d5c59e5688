package io.pbxhub.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The outcome of one sync run: counts and per-item errors. Key: sync run id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record SyncResult(UUID runId, UUID requestId, UUID instanceId, SyncRequest.Kind kind, Outcome outcome,
        int created, int updated, int deactivated, int failed, List<ItemError> errors, Instant finishedAt) {

    public enum Outcome {
        SUCCEEDED,
        PARTIAL,
        FAILED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemError(String extension, String reason) {
    }
}
