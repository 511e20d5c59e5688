package io.pbxhub.testsupport.esl;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pbxhub.testsupport.esl.EslTestClient.Frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scripted calls on the wire: bridged legs, unanswered causes, hold, transfer and PRESENCE_IN for BLF. */
class CallFlowsTest {

    private static final String DOMAIN = "pbx.example.com";
    private static final String CHANNEL_EVENTS = "event plain CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_BRIDGE "
            + "CHANNEL_UNBRIDGE CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP_COMPLETE";

    private EslSimulator sim;

    @BeforeEach
    void start() {
        sim = EslSimulator.start(EslSimulator.Options.defaults());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aBridgedCallFiresBothLegsTheBridgeAndAHangupCompletePerLeg() {
        SimulatedCall call = SimulatedCall.local("1001", "1002", DOMAIN, 30);
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", CHANNEL_EVENTS)) {
            sim.play(CallFlow.bridged(call));

            List<Frame> frames = read(client, 8);
            assertThat(frames).extracting(f -> f.event("Event-Name")).containsExactly("CHANNEL_CREATE",
                    "CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_ANSWER", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE",
                    "CHANNEL_HANGUP_COMPLETE", "CHANNEL_HANGUP_COMPLETE");
            String a = call.uuid();
            String b = frames.get(1).event("Unique-ID");
            assertThat(b).isNotEqualTo(a).matches("[0-9a-f-]{36}");
            assertThat(frames).extracting(f -> f.event("Unique-ID")).containsExactly(a, b, b, a, a, a, b, a);
            for (Frame f : frames) {
                assertThat(Integer.parseInt(f.header("Content-Length"))).isEqualTo(f.body().length);
                assertThat(f.event("Channel-Call-UUID")).as("both legs belong to the A leg's call").isEqualTo(a);
            }
            Frame bCreate = frames.get(1);
            assertThat(bCreate.event("Call-Direction")).isEqualTo("outbound");
            assertThat(bCreate.event("Channel-Name")).isEqualTo("sofia/internal/1002@" + DOMAIN);
            assertThat(bCreate.rawEventHeaders().get("Channel-Presence-ID")).isEqualTo("1002%40" + DOMAIN);
            assertThat(frames.get(0).event("Channel-Name")).isEqualTo("sofia/internal/1001@" + DOMAIN);
            Frame bridge = frames.get(4);
            assertThat(bridge.event("Bridge-A-Unique-ID")).isEqualTo(a);
            assertThat(bridge.event("Bridge-B-Unique-ID")).isEqualTo(b);
            assertThat(bridge.event("Other-Leg-Unique-ID")).isEqualTo(b);
            assertThat(frames.get(5).event("Bridge-B-Unique-ID")).isEqualTo(b);
            Frame bComplete = frames.get(6);
            Frame aComplete = frames.get(7);
            assertThat(bComplete.event("variable_bridge_uuid")).isEqualTo(a);
            assertThat(aComplete.event("variable_bridge_uuid")).isEqualTo(b);
            assertThat(aComplete.event("variable_billsec")).isEqualTo("30");
            assertThat(aComplete.event("variable_call_direction")).isEqualTo("local");
            assertThat(bComplete.event("Hangup-Cause")).isEqualTo("NORMAL_CLEARING");
        }
    }

    @ParameterizedTest
    @CsvSource({"NO_ANSWER,19", "USER_BUSY,17", "ORIGINATOR_CANCEL,487"})
    void anUnansweredBridgedCallEndsBothLegsWithItsCauseAndNeverBridges(String cause, String q850) {
        SimulatedCall call = SimulatedCall.unanswered("1001", "1002", DOMAIN, cause)
                .withDirection(SimulatedCall.LOCAL);
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", CHANNEL_EVENTS)) {
            sim.play(CallFlow.bridged(call));

            List<Frame> frames = read(client, 4);
            assertThat(frames).extracting(f -> f.event("Event-Name")).containsExactly("CHANNEL_CREATE",
                    "CHANNEL_CREATE", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_HANGUP_COMPLETE");
            for (Frame complete : frames.subList(2, 4)) {
                assertThat(complete.event("Hangup-Cause")).isEqualTo(cause);
                assertThat(complete.event("variable_hangup_cause_q850")).isEqualTo(q850);
                assertThat(complete.event("variable_billsec")).isEqualTo("0");
            }
            assertThat(frames.get(3).event("Unique-ID")).isEqualTo(call.uuid());
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");
        }
    }

    @Test
    void anInboundCallComesFromTheGatewayAndAnOutboundOneLeavesThroughIt() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_CREATE")) {
            sim.play(CallFlow.bridged(SimulatedCall.inbound("61291234567", "1001", DOMAIN, 10)));
            List<Frame> inbound = read(client, 2);
            assertThat(inbound.get(0).event("Channel-Name")).isEqualTo("sofia/external/61291234567@" + DOMAIN);
            assertThat(inbound.get(1).event("Channel-Name")).isEqualTo("sofia/internal/1001@" + DOMAIN);

            sim.play(CallFlow.bridged(SimulatedCall.answered("1001", "61291234567", DOMAIN, 10)));
            List<Frame> outbound = read(client, 2);
            assertThat(outbound.get(0).event("Channel-Name")).isEqualTo("sofia/internal/1001@" + DOMAIN);
            assertThat(outbound.get(1).event("Channel-Name")).isEqualTo("sofia/gateway/default/61291234567");
        }
    }

    @Test
    void aLiveCallIsCountedWhileInProgressAndHoldShowsInItsEventsAndPresence() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", CHANNEL_EVENTS + " PRESENCE_IN")) {
            String uuid = sim.ring(CallFlow.of(SimulatedCall.local("1001", "1002", DOMAIN, 1)).withPresence());
            assertThat(read(client, 2)).extracting(f -> f.event("Event-Name")).containsExactly("CHANNEL_CREATE",
                    "PRESENCE_IN");
            client.send("api show calls count");
            assertThat(client.read().bodyText()).isEqualTo("\n1 total.\n");
            assertThat(sim.callsInProgress()).isEqualTo(1);

            sim.answer(uuid).hold(uuid);
            List<Frame> frames = read(client, 4);
            assertThat(frames).extracting(f -> f.event("Event-Name")).containsExactly("CHANNEL_ANSWER",
                    "PRESENCE_IN", "CHANNEL_HOLD", "PRESENCE_IN");
            Frame hold = frames.get(2);
            assertThat(hold.event("Unique-ID")).isEqualTo(uuid);
            assertThat(hold.event("Channel-Call-State")).isEqualTo("HELD");
            assertThat(hold.event("Event-Calling-Function")).isEqualTo("switch_channel_perform_mark_hold");
            Frame held = frames.get(3);
            assertThat(held.event("presence-call-info-state")).isEqualTo("held");
            assertThat(held.event("from")).isEqualTo("1001@" + DOMAIN);
            assertThat(held.rawEventHeaders().get("from")).isEqualTo("1001%40" + DOMAIN);
            assertThat(held.event("proto")).isEqualTo("any");
            assertThat(held.event("event_type")).isEqualTo("presence");
            assertThat(held.event("alt_event_type")).isEqualTo("dialog");
            assertThat(held.event("presence-call-direction")).isEqualTo("inbound");
            assertThat(held.event("Channel-Presence-ID")).isEqualTo("1001@" + DOMAIN);
            assertThatThrownBy(() -> sim.hold(uuid)).isInstanceOf(IllegalStateException.class);

            sim.unhold(uuid).hangup(uuid);
            frames = read(client, 4);
            assertThat(frames).extracting(f -> f.event("Event-Name")).containsExactly("CHANNEL_UNHOLD",
                    "PRESENCE_IN", "CHANNEL_HANGUP_COMPLETE", "PRESENCE_IN");
            assertThat(frames.get(0).event("Channel-Call-State")).isEqualTo("ACTIVE");
            assertThat(frames.get(1).event("presence-call-info-state")).isEqualTo("active");
            Frame complete = frames.get(2);
            assertThat(complete.event("Hangup-Cause")).isEqualTo("NORMAL_CLEARING");
            assertThat(Long.parseLong(complete.event("variable_hold_accum_usec"))).isPositive();
            assertThat(frames.get(3).event("presence-call-info-state")).isEqualTo("idle");
            assertThat(frames).extracting(f -> Long.parseLong(f.event("Event-Sequence"))).isSorted();

            client.send("api show calls count");
            assertThat(client.read().bodyText()).isEqualTo("\n0 total.\n");
            assertThatThrownBy(() -> sim.answer(uuid)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTransferReplacesTheBLegAndTheCallerEndsWithTheNewDestination() {
        SimulatedCall call = SimulatedCall.local("1001", "1002", DOMAIN, 60);
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", CHANNEL_EVENTS)) {
            sim.play(CallFlow.of(call).transfer(20, "1003"));

            List<Frame> frames = read(client, 13);
            assertThat(frames).extracting(f -> f.event("Event-Name")).containsExactly("CHANNEL_CREATE",
                    "CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_ANSWER", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE",
                    "CHANNEL_HANGUP_COMPLETE", "CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_BRIDGE",
                    "CHANNEL_UNBRIDGE", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_HANGUP_COMPLETE");
            String firstB = frames.get(1).event("Unique-ID");
            String secondB = frames.get(7).event("Unique-ID");
            assertThat(secondB).isNotIn(firstB, call.uuid());
            assertThat(frames.get(6).event("Unique-ID")).isEqualTo(firstB);
            assertThat(frames.get(7).event("Channel-Name")).isEqualTo("sofia/internal/1003@" + DOMAIN);
            assertThat(frames.get(9).event("Bridge-B-Unique-ID")).isEqualTo(secondB);
            Frame aComplete = frames.get(12);
            assertThat(aComplete.event("Unique-ID")).isEqualTo(call.uuid());
            assertThat(aComplete.event("Caller-Destination-Number")).isEqualTo("1003");
            assertThat(aComplete.event("variable_bridge_uuid")).isEqualTo(secondB);
            assertThat(aComplete.event("variable_transfer_history")).endsWith(":" + call.uuid() + ":bl_xfer:1003/"
                    + DOMAIN + "/XML");
            assertThat(aComplete.event("variable_billsec")).isEqualTo("60");
        }
    }

    @Test
    void playingAPlainCallStillSendsOnlyItsThreeEventsToAnAllListener() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain ALL")) {
            sim.play(SimulatedCall.answered("1001", "61291234567", DOMAIN, 5));

            assertThat(read(client, 3)).extracting(f -> f.event("Event-Name")).containsExactly("CHANNEL_CREATE",
                    "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE");
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");
        }
    }

    private static List<Frame> read(EslTestClient client, int count) {
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(client.read());
        }
        return frames;
    }
}
