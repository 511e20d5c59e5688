package io.pbxhub.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** BLF state of one extension. Key: {@code instanceId:extension@domain} (compacted topic: the latest state wins). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PresenceEvent(UUID instanceId, String tenantId, String extension, String domain, State state,
        String callUuid, Instant occurredAt) {

    public enum State {
        IDLE, RINGING, BUSY, ON_HOLD, UNREGISTERED
    }
}
