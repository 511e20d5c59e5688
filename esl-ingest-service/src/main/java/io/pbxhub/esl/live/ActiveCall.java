package io.pbxhub.esl.live;

import java.time.Instant;
import java.util.UUID;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.Direction;
import io.pbxhub.esl.connection.EslInstance;

/**
 * One call leg in progress on a PBX, as the live API shows it (snake_case JSON). {@code stale}: the instance's ESL
 * connection dropped since the leg was last heard of, so it may have ended unseen; cleared when FreeSWITCH lists it
 * again after the reconnect (or one of its events arrives).
 */
public record ActiveCall(String callUuid, String channelUuid, UUID instanceId, String tenantId, CallEvent.State state,
        Direction direction, String callerNumber, String callerName, String calleeNumber, String calleeName,
        String domain, String otherLegUuid, Instant startedAt, Instant updatedAt, boolean stale) {

    static ActiveCall started(CallEvent e) {
        return new ActiveCall(e.callUuid(), e.channelUuid(), e.instanceId(), e.tenantId(), e.state(), e.direction(),
                e.callerNumber(), e.callerName(), e.calleeNumber(), e.calleeName(), e.domain(), e.otherLegUuid(),
                e.occurredAt(), e.occurredAt(), false);
    }

    /**
     * A leg FreeSWITCH listed after a reconnect that no event told us of: it started while the connection was down.
     * The listing has no FusionPBX call direction, so that stays unknown.
     */
    static ActiveCall listed(EslInstance instance, ListedChannel c, Instant at) {
        return new ActiveCall(c.callUuid() != null ? c.callUuid() : c.uuid(), c.uuid(), instance.instanceId(),
                instance.tenantId(), c.state(), null, c.callerNumber(), c.callerName(), c.calleeNumber(),
                c.calleeName(), c.context(), null, c.created() != null ? c.created() : at, at, false);
    }

    ActiveCall withStale(boolean flag) {
        return new ActiveCall(callUuid, channelUuid, instanceId, tenantId, state, direction, callerNumber, callerName,
                calleeNumber, calleeName, domain, otherLegUuid, startedAt, updatedAt, flag);
    }

    /** Gone from FreeSWITCH's channel list after a reconnect: it ended while nobody listened. */
    ActiveCall vanished(Instant at) {
        return new ActiveCall(callUuid, channelUuid, instanceId, tenantId, CallEvent.State.HUNGUP, direction,
                callerNumber, callerName, calleeNumber, calleeName, domain, otherLegUuid, startedAt, at, true);
    }

    /** The leg after {@code e}: later events may lack a field an earlier one had (CHANNEL_CREATE has no direction). */
    ActiveCall next(CallEvent e) {
        return new ActiveCall(or(e.callUuid(), callUuid), channelUuid, instanceId, tenantId, e.state(),
                or(e.direction(), direction), or(e.callerNumber(), callerNumber), or(e.callerName(), callerName),
                or(e.calleeNumber(), calleeNumber), or(e.calleeName(), calleeName), or(e.domain(), domain),
                or(e.otherLegUuid(), otherLegUuid), startedAt, e.occurredAt(), false);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
