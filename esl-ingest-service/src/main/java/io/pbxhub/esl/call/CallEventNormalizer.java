package io.pbxhub.esl.call;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.CallEvent.State;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.protocol.EslEvent;

import static io.pbxhub.esl.call.ChannelFields.first;
import static io.pbxhub.esl.call.ChannelFields.text;

/** Maps FreeSWITCH channel events to the suite's {@link CallEvent}. Other events (HEARTBEAT, ...) map to nothing. */
@ApplicationScoped
public class CallEventNormalizer {

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
        Long sequence = ChannelFields.number(event, "Event-Sequence");
        return Optional.of(new CallEvent(
                first(event, "Channel-Call-UUID", "Unique-ID"),
                channelUuid,
                instance.instanceId(),
                instance.tenantId(),
                state,
                ChannelFields.direction(event),
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

    private static Instant occurredAt(EslEvent event) {
        Instant at = ChannelFields.micros(ChannelFields.number(event, "Event-Date-Timestamp"));
        // FreeSWITCH always stamps events; receipt time is the honest fallback for one that is not.
        return at != null ? at : Instant.now();
    }
}
