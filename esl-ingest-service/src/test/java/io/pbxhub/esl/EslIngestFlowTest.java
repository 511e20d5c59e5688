package io.pbxhub.esl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.CallEvent.State;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.InstanceStatus.Reachability;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.contracts.Topics;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.esl.SimulatedCall;
import io.pbxhub.testsupport.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The whole slice against real parts: the Kafka broker, PostgreSQL, the FreeSWITCH simulator speaking ESL on a real
 * socket, and a fake instance-service credentials endpoint ({@link FakeInstanceService}).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class EslIngestFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestKafka kafka;
    private EslSimulator sim;

    @BeforeEach
    void setUp() {
        kafka = new TestKafka();
    }

    @AfterEach
    void tearDown() {
        if (sim != null) {
            sim.close();
        }
        kafka.close();
    }

    @Test
    void anAnsweredCallBecomesCallEventsInOrderAndExactlyOneRawCdr() {
        UUID id = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        FakeInstanceService.eslPassword(id, "secret");
        ConsumerTask<String, InstanceStatus> status = kafka.consume(Topics.INSTANCE_STATUS, InstanceStatus.class,
                s -> id.equals(s.instanceId()));
        ConsumerTask<String, CallEvent> calls = kafka.consume(Topics.CALL_EVENTS, CallEvent.class,
                e -> id.equals(e.instanceId()));
        ConsumerTask<String, RawCdr> cdrs = kafka.consume(Topics.CDR_RAW, RawCdr.class,
                c -> id.equals(c.instanceId()));

        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));
        sim.awaitSubscribers(1, Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> status.getRecords().stream()
                .anyMatch(r -> r.value().esl() == Reachability.UP));

        sim.play(SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65));

        await().atMost(WAIT).until(() -> calls.getRecords().stream()
                .anyMatch(r -> r.value().state() == State.HUNGUP));
        List<ConsumerRecord<String, CallEvent>> records = calls.getRecords();
        assertThat(records).extracting(r -> r.value().state()).containsExactly(State.RINGING, State.ANSWERED,
                State.HUNGUP);
        CallEvent hungUp = records.get(2).value();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().callUuid()).isEqualTo(hungUp.callUuid());
            assertThat(r.value().callerNumber()).isEqualTo("1001");
            assertThat(r.value().calleeNumber()).isEqualTo("61291234567");
            assertThat(r.value().domain()).isEqualTo("pbx.example.com");
            assertThat(r.value().tenantId()).isEqualTo("tenant-" + id.toString().substring(0, 8));
            assertThat(KafkaCompanion.getHeader(r.headers(), "ce_type")).isEqualTo("io.pbxhub.call.event.v1");
            assertThat(KafkaCompanion.getHeader(r.headers(), "ce_source")).isEqualTo("/esl-ingest-service");
        });
        assertThat(records).extracting(r -> r.value().eventSequence()).isSorted().doesNotHaveDuplicates();
        // CHANNEL_CREATE fires before FusionPBX's dialplan sets call_direction, so it only has FreeSWITCH's own
        // leg direction; from the answer on the FusionPBX direction is known.
        assertThat(records.subList(1, 3)).extracting(r -> r.value().direction()).containsOnly(Direction.OUTBOUND);
        assertThat(hungUp.hangupCause()).isEqualTo("NORMAL_CLEARING");

        await().atMost(WAIT).until(() -> cdrs.count() >= 1);
        // and no second CDR for the same leg shows up afterwards
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> cdrs.count() == 1);
        assertThat(cdrs.getRecords()).singleElement().satisfies(r -> {
            RawCdr cdr = r.value();
            assertThat(r.key()).isEqualTo(cdr.cdrUuid());
            assertThat(cdr.cdrUuid()).isEqualTo(hungUp.channelUuid());
            assertThat(cdr.source()).isEqualTo(RawCdr.Source.ESL);
            assertThat(cdr.leg()).isEqualTo(RawCdr.Leg.A);
            assertThat(cdr.billsec()).isEqualTo(65);
            assertThat(cdr.duration()).isEqualTo(70);
            assertThat(cdr.hangupCause()).isEqualTo("NORMAL_CLEARING");
            assertThat(cdr.hangupCauseQ850()).isEqualTo(16);
            assertThat(cdr.callerIdNumber()).isEqualTo("1001");
            assertThat(cdr.destinationNumber()).isEqualTo("61291234567");
            assertThat(cdr.domain()).isEqualTo("pbx.example.com");
            assertThat(cdr.startTime()).isNotNull();
            assertThat(cdr.answerTime()).isNotNull();
            assertThat(cdr.endTime()).isAfter(cdr.answerTime());
            assertThat(KafkaCompanion.getHeader(r.headers(), "ce_type")).isEqualTo("io.pbxhub.cdr.raw.v1");
        });

        RestAssured.when().get("/q/metrics").then().statusCode(200)
                .body(containsString("pbxhub_esl_connections{state=\"up\"}"))
                .body(containsString("pbxhub_esl_events_total{event=\"CHANNEL_HANGUP_COMPLETE\"}"));
        RestAssured.when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("esl-connections"))
                .body(containsString(id.toString()));
    }

    @Test
    void aWrongPasswordIsReportedDownWithCredentialsAsTheReason() {
        UUID id = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        FakeInstanceService.eslPassword(id, "not-the-password");
        ConsumerTask<String, InstanceStatus> status = kafka.consume(Topics.INSTANCE_STATUS, InstanceStatus.class,
                s -> id.equals(s.instanceId()));

        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));

        await().atMost(WAIT).until(() -> status.count() >= 1);
        InstanceStatus down = status.getFirstRecord().value();
        assertThat(down.esl()).isEqualTo(Reachability.DOWN);
        assertThat(down.reason()).contains("credentials");
        assertThat(down.database()).isEqualTo(Reachability.UNKNOWN);
        assertThat(down.reporter()).isEqualTo("esl-ingest-service");
        assertThat(down.reason()).doesNotContain("not-the-password");
        assertThat(status.getFirstRecord().key()).isEqualTo(id.toString());
    }

    @Test
    void aPbxThatGoesAwayIsReportedDownAndUpAgainWhenItComesBackOnTheSamePort() {
        UUID id = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        int port = sim.port();
        FakeInstanceService.eslPassword(id, "secret");
        ConsumerTask<String, InstanceStatus> status = kafka.consume(Topics.INSTANCE_STATUS, InstanceStatus.class,
                s -> id.equals(s.instanceId()));
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), port));
        await().atMost(WAIT).until(() -> eslStates(status).contains(Reachability.UP));

        sim.close();
        await().atMost(WAIT).until(() -> eslStates(status).contains(Reachability.DOWN));
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(port));

        sim.awaitSubscribers(1, Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> eslStates(status).equals(
                List.of(Reachability.UP, Reachability.DOWN, Reachability.UP)));
    }

    /** The ESL states published, consecutive repeats folded (a DOWN may be re-published when its reason changes). */
    private static List<Reachability> eslStates(ConsumerTask<String, InstanceStatus> status) {
        List<Reachability> states = new ArrayList<>();
        for (ConsumerRecord<String, InstanceStatus> r : status.getRecords()) {
            if (states.isEmpty() || states.get(states.size() - 1) != r.value().esl()) {
                states.add(r.value().esl());
            }
        }
        return states;
    }
}
