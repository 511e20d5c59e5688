package io.pbxhub.esl.call;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.CallEvent.State;
import io.pbxhub.contracts.Direction;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.protocol.EslEvent;
import io.pbxhub.esl.protocol.WireCaptures;

import static org.assertj.core.api.Assertions.assertThat;

class CallEventNormalizerTest {

    private static final String A_LEG = "78b86350-4fb8-4d2b-a629-1eeafd7d2f74";
    private static final String B_LEG = "9bc34cb7-1d0a-4c89-8d47-9dc25faa160f";
    private static final EslInstance PBX = new EslInstance(UUID.randomUUID(), "tenant-1", "pbx", 8021);

    private final CallEventNormalizer normalizer = new CallEventNormalizer();

    @Test
    void channelCreateOfTheBLegBelongsToTheCallOfItsALeg() {
        EslEvent create = WireCaptures.event(WireCaptures.EXAMPLE1, "CHANNEL_CREATE", 0);

        CallEvent event = normalizer.normalize(PBX, create).orElseThrow();

        assertThat(event.state()).isEqualTo(State.RINGING);
        assertThat(event.callUuid()).isEqualTo(A_LEG);
        assertThat(event.channelUuid()).isEqualTo(B_LEG);
        assertThat(event.instanceId()).isEqualTo(PBX.instanceId());
        assertThat(event.tenantId()).isEqualTo("tenant-1");
        assertThat(event.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(event.callerNumber()).isEqualTo("1001");
        assertThat(event.calleeNumber()).isEqualTo("1003");
        assertThat(event.calleeName()).isEqualTo("Outbound Call");
        // No variable_domain_name on this leg yet: the domain comes from Channel-Presence-ID (1003@dan-win8-dev.home).
        assertThat(event.domain()).isEqualTo("dan-win8-dev.home");
        assertThat(event.coreUuid()).isEqualTo("8694f653-55e0-42ed-98d8-4983e2b6d248");
        assertThat(event.eventSequence()).isEqualTo(5841);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2015-01-06T15:12:42.134560Z"));
        assertThat(event.hangupCause()).isNull();
    }

    @Test
    void bridgeNamesTheOtherLegAndDecodesTheCallerName() {
        CallEvent event = normalizer
                .normalize(PBX, WireCaptures.event(WireCaptures.EXAMPLE1, "CHANNEL_BRIDGE", 0)).orElseThrow();

        assertThat(event.state()).isEqualTo(State.BRIDGED);
        assertThat(event.callUuid()).isEqualTo(A_LEG);
        assertThat(event.otherLegUuid()).isEqualTo(B_LEG);
        assertThat(event.callerName()).isEqualTo("Dan X-Lite");
        assertThat(event.direction()).isEqualTo(Direction.INBOUND);
        assertThat(event.domain()).isEqualTo("dan-win8-dev.home");
    }

    @Test
    void eachSubscribedChannelEventMapsToItsState() {
        assertThat(stateOf("CHANNEL_PROGRESS")).isEqualTo(State.EARLY);
        assertThat(stateOf("CHANNEL_PROGRESS_MEDIA")).isEqualTo(State.EARLY);
        assertThat(stateOf("CHANNEL_ANSWER")).isEqualTo(State.ANSWERED);
        assertThat(stateOf("CHANNEL_HOLD")).isEqualTo(State.HELD);
        assertThat(stateOf("CHANNEL_UNHOLD")).isEqualTo(State.UNHELD);
        assertThat(stateOf("CHANNEL_HANGUP_COMPLETE")).isEqualTo(State.HUNGUP);
    }

    @Test
    void hangupCarriesTheCauseAndFusionPbxDirectionWins() {
        Map<String, String> headers = channel("CHANNEL_HANGUP_COMPLETE");
        headers.put("Hangup-Cause", "USER_BUSY");
        headers.put("Call-Direction", "inbound");
        headers.put("variable_call_direction", "local");

        CallEvent event = normalizer.normalize(PBX, new EslEvent(headers, null)).orElseThrow();

        assertThat(event.hangupCause()).isEqualTo("USER_BUSY");
        assertThat(event.direction()).isEqualTo(Direction.LOCAL);
    }

    @Test
    void withoutChannelCallUuidTheChannelIsItsOwnCall() {
        Map<String, String> headers = channel("CHANNEL_ANSWER");
        headers.remove("Channel-Call-UUID");

        CallEvent event = normalizer.normalize(PBX, new EslEvent(headers, null)).orElseThrow();

        assertThat(event.callUuid()).isEqualTo(event.channelUuid()).isEqualTo("chan-1");
    }

    @Test
    void undefinedAndEncodedValuesAreReadAsFreeSwitchMeansThem() {
        Map<String, String> headers = channel("CHANNEL_CREATE");
        headers.put("Caller-Caller-ID-Name", "_undef_");
        headers.put("Caller-Caller-ID-Number", "%2B61291234567");
        headers.put("Call-Direction", "sideways");

        CallEvent event = normalizer.normalize(PBX, new EslEvent(headers, null)).orElseThrow();

        assertThat(event.callerName()).isNull();
        assertThat(event.callerNumber()).isEqualTo("+61291234567");
        assertThat(event.direction()).isNull();
    }

    @Test
    void nonCallEventsAndEventsWithoutAChannelMapToNothing() {
        assertThat(normalizer.normalize(PBX, new EslEvent(Map.of("Event-Name", "HEARTBEAT"), null))).isEmpty();
        assertThat(normalizer.normalize(PBX, new EslEvent(Map.of("Event-Name", "CHANNEL_UNBRIDGE",
                "Unique-ID", "x"), null))).isEmpty();
        assertThat(normalizer.normalize(PBX, new EslEvent(Map.of("Event-Name", "CHANNEL_CREATE"), null))).isEmpty();
    }

    private State stateOf(String eventName) {
        return normalizer.normalize(PBX, new EslEvent(channel(eventName), null)).orElseThrow().state();
    }

    private static Map<String, String> channel(String eventName) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Event-Name", eventName);
        headers.put("Core-UUID", "core-1");
        headers.put("Event-Sequence", "7");
        headers.put("Event-Date-Timestamp", "1700000000000001");
        headers.put("Unique-ID", "chan-1");
        headers.put("Channel-Call-UUID", "call-1");
        headers.put("Caller-Caller-ID-Number", "1001");
        headers.put("Caller-Destination-Number", "1002");
        return headers;
    }
}
