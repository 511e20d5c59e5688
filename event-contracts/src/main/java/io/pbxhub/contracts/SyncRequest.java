package io.pbxhub.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A request to compare, sync or import extensions of one instance. Key: instance id, or extension id for SINGLE. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record SyncRequest(UUID requestId, UUID instanceId, Kind kind, String extensionId, String requestedBy,
        Instant requestedAt) {

    public enum Kind {
        COMPARE,
        FULL,
        SINGLE,
        IMPORT
    }
}
