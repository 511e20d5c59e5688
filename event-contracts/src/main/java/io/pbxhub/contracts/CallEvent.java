package io.pbxhub.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One change of a call leg's state, normalized from FreeSWITCH channel events. Key: call UUID, so every event of a call
 * lands on one partition in order. {@code coreUuid} + {@code eventSequence} identify the source event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record CallEvent(String callUuid, String channelUuid, UUID instanceId, String tenantId, State state,
        Direction direction, String callerNumber, String callerName, String calleeNumber, String calleeName,
        String domain, String otherLegUuid, String hangupCause, String coreUuid, long eventSequence,
        Instant occurredAt) {

    public enum State {
        RINGING,
        EARLY,
        ANSWERED,
        BRIDGED,
        HELD,
        UNHELD,
        TRANSFERRED,
        HUNGUP
    }
}
