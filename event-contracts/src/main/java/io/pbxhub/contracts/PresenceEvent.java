package io.pbxhub.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** BLF state of one extension. Key: {@code instanceId:extension@domain} (compacted topic: the latest state wins). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record PresenceEvent(UUID instanceId, String tenantId, String extension, String domain, State state,
        String callUuid, Instant occurredAt) {

    public enum State {
        IDLE,
        RINGING,
        BUSY,
        ON_HOLD,
        UNREGISTERED
    }
}
