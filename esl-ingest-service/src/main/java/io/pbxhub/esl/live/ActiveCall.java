package io.pbxhub.esl.live;

import java.time.Instant;
import java.util.UUID;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.Direction;

/** One call leg in progress on a PBX, as the live API shows it (snake_case JSON). */
public record ActiveCall(String callUuid, String channelUuid, UUID instanceId, String tenantId, CallEvent.State state,
        Direction direction, String callerNumber, String callerName, String calleeNumber, String calleeName,
        String domain, String otherLegUuid, Instant startedAt, Instant updatedAt) {

    static ActiveCall started(CallEvent e) {
        return new ActiveCall(e.callUuid(), e.channelUuid(), e.instanceId(), e.tenantId(), e.state(), e.direction(),
                e.callerNumber(), e.callerName(), e.calleeNumber(), e.calleeName(), e.domain(), e.otherLegUuid(),
                e.occurredAt(), e.occurredAt());
    }

    /** The leg after {@code e}: later events may lack a field an earlier one had (CHANNEL_CREATE has no direction). */
    ActiveCall next(CallEvent e) {
        return new ActiveCall(or(e.callUuid(), callUuid), channelUuid, instanceId, tenantId, e.state(),
                or(e.direction(), direction), or(e.callerNumber(), callerNumber), or(e.callerName(), callerName),
                or(e.calleeNumber(), calleeNumber), or(e.calleeName(), calleeName), or(e.domain(), domain),
                or(e.otherLegUuid(), otherLegUuid), startedAt, e.occurredAt());
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
