package io.pbxhub.esl.call;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.CallEvent.State;
import io.pbxhub.contracts.Direction;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.connection.EslInstanceClosed;
import io.pbxhub.esl.protocol.EslEvent;

import static io.pbxhub.esl.call.ChannelFields.first;
import static io.pbxhub.esl.call.ChannelFields.text;

/**
 * Maps FreeSWITCH channel events to the suite's {@link CallEvent}. Other events (HEARTBEAT, ...) map to nothing.
 * <p>
 * FreeSWITCH has no transfer event: a transferred channel's caller profile gets a transfer time
 * ({@code Caller-Channel-Transfer-Time}, microseconds) that its later events carry. The first event of a channel
 * already
 * seen that carries a newer transfer time is therefore reported as TRANSFERRED (with the new other leg) instead of its
 * own state, except a hangup, which stays HUNGUP. A channel first seen with a transfer time (the new leg of a transfer)
 * is not itself transferred.
 */
@Singleton
public class CallEventNormalizer {

    /** What a channel's later events may lack: the transfer time last seen and FusionPBX's call direction. */
    private record Seen(long transferTime, Direction direction) {
    }

    /** instance:channel UUID → what was seen of it; removed at hangup. */
    private final Map<String, Seen> channels = new ConcurrentHashMap<>();

    static final Map<String, State> STATES = Map.of(
            "CHANNEL_CREATE", State.RINGING,
            "CHANNEL_PROGRESS", State.EARLY,
            "CHANNEL_PROGRESS_MEDIA", State.EARLY,
            "CHANNEL_ANSWER", State.ANSWERED,
            "CHANNEL_BRIDGE", State.BRIDGED,
            "CHANNEL_HOLD", State.HELD,
            "CHANNEL_UNHOLD", State.UNHELD,
            "CHANNEL_HANGUP_COMPLETE", State.HUNGUP);

    public Optional<CallEvent> normalize(EslInstance instance, EslEvent event) {
        State state = STATES.get(event.name());
        String channelUuid = text(event, "Unique-ID");
        if (state == null || channelUuid == null) {
            return Optional.empty();
        }
        String key = instance.instanceId() + ":" + channelUuid;
        Direction fusion = ChannelFields.fusionDirection(event);
        Seen before = state == State.HUNGUP ? channels.remove(key) : channels.get(key);
        Long at = ChannelFields.number(event, "Caller-Channel-Transfer-Time");
        long transferTime = at == null ? 0 : at;
        if (state != State.HUNGUP) {
            channels.put(key, new Seen(transferTime, fusion != null
                    ? fusion
                    : before != null ? before.direction() : null));
            if (before != null && transferTime > before.transferTime()) {
                state = State.TRANSFERRED;
            }
        }
        // Once FusionPBX's direction is known, events without it (bridge, hold) keep it rather than falling back to
        // FreeSWITCH's leg-relative one; CHANNEL_CREATE comes before the dialplan sets it.
        Direction direction = fusion != null
                ? fusion
                : before != null && before.direction() != null
                        ? before.direction()
                        : ChannelFields.direction(event);
        Long sequence = ChannelFields.number(event, "Event-Sequence");
        return Optional.of(new CallEvent(
                first(event, "Channel-Call-UUID", "Unique-ID"),
                channelUuid,
                instance.instanceId(),
                instance.tenantId(),
                state,
                direction,
                text(event, "Caller-Caller-ID-Number"),
                text(event, "Caller-Caller-ID-Name"),
                first(event, "Caller-Destination-Number", "Caller-Callee-ID-Number"),
                text(event, "Caller-Callee-ID-Name"),
                ChannelFields.domain(event),
                first(event, "Other-Leg-Unique-ID", "variable_bridge_uuid", "variable_signal_bond"),
                state == State.HUNGUP ? first(event, "Hangup-Cause", "variable_hangup_cause") : null,
                text(event, "Core-UUID"),
                sequence == null ? 0 : sequence,
                occurredAt(event)));
    }

    /** The instance's connection is gone: its channels' transfer times are no longer needed. */
    void closed(@Observes EslInstanceClosed closed) {
        String prefix = closed.instanceId() + ":";
        channels.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static Instant occurredAt(EslEvent event) {
        Instant at = ChannelFields.micros(ChannelFields.number(event, "Event-Date-Timestamp"));
        // FreeSWITCH always stamps events; receipt time is the honest fallback for one that is not.
        return at != null ? at : Instant.now();
    }
}
