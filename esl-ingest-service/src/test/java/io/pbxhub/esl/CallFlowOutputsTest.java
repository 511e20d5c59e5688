package io.pbxhub.esl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.contracts.Topics;
import io.pbxhub.testsupport.esl.CallFlow;
import io.pbxhub.testsupport.esl.SimulatedCall;
import io.pbxhub.testsupport.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every call flow of the simulator through the real broker, checked record by record: the call-events states of each
 * leg, the presence states of each extension, and the cdr-raw record of each leg.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class CallFlowOutputsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private PbxConnectedThroughKafka pbx;

    @BeforeAll
    void connect() {
        pbx = PbxConnectedThroughKafka.connect(WAIT);
    }

    @AfterAll
    void close() {
        pbx.close();
    }

    private static final String D = "flows.example.com";
    private static final String ANSWERED_A = "RINGING ANSWERED BRIDGED HUNGUP:NORMAL_CLEARING";
    private static final String ANSWERED_B = "RINGING ANSWERED HUNGUP:NORMAL_CLEARING";

    /**
     * One flow and what it must produce. Legs are named A, B, B2 in the order their first call-event arrives; a CDR
     * line is {@code leg direction callerNumber 'callerName' -> destination ext=extension duration/billsec
     * cause/q850 bridge=leg}.
     */
    record Case(String name, CallFlow flow, List<String> legStates, Map<String, String> presence, List<String> cdrs) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> flows() {
        return Stream.of(
                new Case("inbound answered", CallFlow.bridged(SimulatedCall.inbound("61291234567", "1001", D, 65))
                        .withPresence(),
                        List.of(ANSWERED_A, ANSWERED_B),
                        // the carrier's leg has no BLF: only the extension that answered
                        Map.of("1001", "RINGING BUSY IDLE"),
                        List.of("A INBOUND 61291234567 '61291234567' -> 1001 ext=1001 70/65 NORMAL_CLEARING/16 bridge=B",
                                "B INBOUND 61291234567 '61291234567' -> 1001 ext=1001 70/65 NORMAL_CLEARING/16 "
                                        + "bridge=A")),
                new Case("outbound answered", CallFlow.bridged(SimulatedCall.answered("1002", "0412345678", D, 30))
                        .withPresence(),
                        List.of(ANSWERED_A, ANSWERED_B),
                        Map.of("1002", "RINGING BUSY IDLE"),
                        List.of("A OUTBOUND 1002 'Extension 1002' -> 0412345678 ext=1002 35/30 NORMAL_CLEARING/16 "
                                + "bridge=B",
                                "B OUTBOUND 1002 'Extension 1002' -> 0412345678 ext=1002 35/30 NORMAL_CLEARING/16 "
                                        + "bridge=A")),
                new Case("local answered", CallFlow.bridged(SimulatedCall.local("1003", "1004", D, 20)).withPresence(),
                        List.of(ANSWERED_A, ANSWERED_B),
                        Map.of("1003", "RINGING BUSY IDLE", "1004", "RINGING BUSY IDLE"),
                        List.of("A LOCAL 1003 'Extension 1003' -> 1004 ext=1003 25/20 NORMAL_CLEARING/16 bridge=B",
                                "B LOCAL 1003 'Extension 1003' -> 1004 ext=1004 25/20 NORMAL_CLEARING/16 bridge=A")),
                unanswered("NO_ANSWER", 19, "1005", "1006"),
                unanswered("USER_BUSY", 17, "1007", "1008"),
                unanswered("ORIGINATOR_CANCEL", 487, "1009", "1010"),
                new Case("hold and unhold", CallFlow.bridged(SimulatedCall.local("1014", "1015", D, 60))
                        .withPresence().hold(10, 20),
                        List.of("RINGING ANSWERED BRIDGED HELD UNHELD HUNGUP:NORMAL_CLEARING", ANSWERED_B),
                        Map.of("1014", "RINGING BUSY ON_HOLD BUSY IDLE", "1015", "RINGING BUSY IDLE"),
                        List.of("A LOCAL 1014 'Extension 1014' -> 1015 ext=1014 65/60 NORMAL_CLEARING/16 bridge=B",
                                "B LOCAL 1014 'Extension 1014' -> 1015 ext=1015 65/60 NORMAL_CLEARING/16 bridge=A")),
                new Case("blind transfer", CallFlow.bridged(SimulatedCall.local("1016", "1017", D, 60))
                        .withPresence().transfer(20, "1018"),
                        List.of("RINGING ANSWERED BRIDGED TRANSFERRED HUNGUP:NORMAL_CLEARING", ANSWERED_B, ANSWERED_B),
                        Map.of("1016", "RINGING BUSY IDLE", "1017", "RINGING BUSY IDLE", "1018", "RINGING BUSY IDLE"),
                        List.of("A LOCAL 1016 'Extension 1016' -> 1018 ext=1016 65/60 NORMAL_CLEARING/16 bridge=B2",
                                "B LOCAL 1016 'Extension 1016' -> 1017 ext=1017 25/20 NORMAL_CLEARING/16 bridge=A",
                                "B2 LOCAL 1016 'Extension 1016' -> 1018 ext=1018 40/40 NORMAL_CLEARING/16 bridge=A")));
    }

    private static Case unanswered(String cause, int q850, String from, String to) {
        return new Case("unanswered " + cause, CallFlow.bridged(SimulatedCall.unanswered(from, to, D, cause)
                .withDirection(SimulatedCall.LOCAL)).withPresence(),
                List.of("RINGING HUNGUP:" + cause, "RINGING HUNGUP:" + cause),
                Map.of(from, "RINGING IDLE", to, "RINGING IDLE"),
                List.of("A LOCAL " + from + " 'Extension " + from + "' -> " + to + " ext=" + from + " 5/0 " + cause
                        + "/" + q850 + " bridge=null",
                        "B LOCAL " + from + " 'Extension " + from + "' -> " + to + " ext=" + to + " 5/0 " + cause
                                + "/" + q850 + " bridge=null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void aFlowProducesExactlyItsRecords(Case c) {
        UUID id = pbx.id();
        CallFlow flow = c.flow();
        String callUuid = flow.call().uuid();
        ConsumerTask<String, CallEvent> calls = pbx.kafka().consume(Topics.CALL_EVENTS, CallEvent.class,
                e -> id.equals(e.instanceId()) && callUuid.equals(e.callUuid()));
        ConsumerTask<String, RawCdr> cdrs = pbx.kafka().consume(Topics.CDR_RAW, RawCdr.class,
                r -> id.equals(r.instanceId()) && callUuid.equals(r.callUuid()));
        Set<String> parties = Set.of(flow.call().callerIdNumber(), flow.call().destinationNumber(),
                flow.transferTo() == null ? "" : flow.transferTo());
        ConsumerTask<String, PresenceEvent> presence = pbx.kafka().consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()) && parties.contains(p.extension()));

        pbx.sim().play(flow);

        int legCount = c.legStates().size();
        await().atMost(WAIT).until(() -> hungUp(calls) == legCount && cdrs.count() >= legCount);
        // nothing more comes: no duplicate, no stray record
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> hungUp(calls) == legCount && cdrs.count() == legCount);

        Map<String, List<CallEvent>> byLeg = new LinkedHashMap<>();
        for (ConsumerRecord<String, CallEvent> r : calls.getRecords()) {
            assertThat(r.key()).isEqualTo(callUuid);
            byLeg.computeIfAbsent(r.value().channelUuid(), k -> new ArrayList<>()).add(r.value());
        }
        List<String> legs = new ArrayList<>(byLeg.keySet());
        assertThat(legs.get(0)).as("the A leg's UUID is the call UUID").isEqualTo(callUuid);
        assertThat(byLeg.values()).extracting(events -> events.stream()
                .map(e -> e.state() + (e.hangupCause() != null ? ":" + e.hangupCause() : ""))
                .collect(Collectors.joining(" "))).containsExactlyElementsOf(c.legStates());
        Direction direction = Direction.valueOf(flow.call().direction().toUpperCase(Locale.ROOT));
        byLeg.values().forEach(events -> assertThat(events.subList(1, events.size()))
                .as("the direction, once FusionPBX has set it").extracting(CallEvent::direction)
                .containsOnly(direction));
        if (c.legStates().get(0).contains("BRIDGED")) {
            CallEvent bridged = byLeg.get(callUuid).get(2);
            assertThat(bridged.otherLegUuid()).isEqualTo(legs.get(1));
        }
        if (c.legStates().get(0).contains("TRANSFERRED")) {
            CallEvent transferred = byLeg.get(callUuid).get(3);
            assertThat(transferred.otherLegUuid()).isEqualTo(legs.get(2));
            assertThat(transferred.calleeNumber()).isEqualTo(flow.transferTo());
        }

        Map<String, String> states = new LinkedHashMap<>();
        for (ConsumerRecord<String, PresenceEvent> r : presence.getRecords()) {
            assertThat(r.key()).isEqualTo(id + ":" + r.value().extension() + "@" + D);
            states.merge(r.value().extension(), r.value().state().name(), (a, b) -> a + " " + b);
        }
        assertThat(states).isEqualTo(c.presence());

        Map<String, String> legNames = new LinkedHashMap<>();
        for (int i = 0; i < legs.size(); i++) {
            legNames.put(legs.get(i), i == 0 ? "A" : i == 1 ? "B" : "B" + i);
        }
        assertThat(cdrs.getRecords()).extracting(r -> {
            RawCdr cdr = r.value();
            assertThat(r.key()).isEqualTo(cdr.cdrUuid());
            assertThat(cdr.domain()).isEqualTo(D);
            return legNames.get(cdr.cdrUuid()) + " " + cdr.direction() + " " + cdr.callerIdNumber() + " '"
                    + cdr.callerIdName() + "' -> " + cdr.destinationNumber() + " ext=" + cdr.extension() + " "
                    + cdr.duration() + "/" + cdr.billsec() + " " + cdr.hangupCause() + "/" + cdr.hangupCauseQ850()
                    + " bridge=" + (cdr.bridgeUuid() == null ? null : legNames.get(cdr.bridgeUuid()));
        }).containsExactlyInAnyOrderElementsOf(c.cdrs());
        assertThat(cdrs.getRecords()).allSatisfy(r -> assertThat(r.value().leg().name())
                .isEqualTo(legNames.get(r.value().cdrUuid()).substring(0, 1)));
    }

    @Test
    void anExtensionIsIdleWhenRegisteredBusyOnACallAndUnregisteredOnceItsPhoneLeft() {
        UUID id = pbx.id();
        ConsumerTask<String, PresenceEvent> presence = pbx.kafka().consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()) && "1020".equals(p.extension()));

        pbx.sim().register("1020", D, "127.0.0.1", 5080, "Yealink SIP-T46S");
        String call = pbx.sim().ring(CallFlow.bridged(SimulatedCall.local("1020", "1021", D, 1)).withPresence());
        pbx.sim().answer(call);
        pbx.sim().unregister("1020", D); // the phone drops its registration mid-call: the call still counts
        pbx.sim().hangup(call);
        pbx.sim().register("1020", D, "127.0.0.1", 5080, "Yealink SIP-T46S");

        await().atMost(WAIT).until(() -> presence.count() >= 5);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> presence.count() == 5);
        assertThat(presence.getRecords()).extracting(r -> r.value().state()).containsExactly(
                PresenceEvent.State.IDLE, PresenceEvent.State.RINGING, PresenceEvent.State.BUSY,
                PresenceEvent.State.UNREGISTERED, PresenceEvent.State.IDLE);
    }

    private static long hungUp(ConsumerTask<String, CallEvent> calls) {
        return calls.getRecords().stream().filter(r -> r.value().state() == CallEvent.State.HUNGUP).count();
    }
}
