package io.pbxhub.esl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.InstanceStatus.Reachability;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.contracts.Topics;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.esl.Fault;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every way the simulator can misbehave: the service stays up, the connection is reported DOWN and comes back UP, and
 * the next normal call still produces its call-events and its CDR.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class FaultRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "faults.example.com";

    private PbxConnectedThroughKafka pbx;

    @BeforeEach
    void connect() {
        pbx = PbxConnectedThroughKafka.connect(WAIT);
    }

    @AfterEach
    void close() {
        pbx.close();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theServiceSurvivesTheFaultReconnectsAndHandlesTheNextCall(Fault fault) {
        EslSimulator sim = pbx.sim();
        ConsumerTask<String, InstanceStatus> status = pbx.kafka().consume(Topics.INSTANCE_STATUS,
                InstanceStatus.class, s -> pbx.id().equals(s.instanceId()));
        await().atMost(WAIT).until(() -> eslStates(status).equals(List.of(Reachability.UP)));

        switch (fault) {
            case NO_GREETING -> {
                // it only hits new connections: drop the current one, let attempts fail, then let the PBX recover
                sim.inject(Fault.NO_GREETING);
                sim.inject(Fault.ABRUPT_CLOSE);
                await().atMost(WAIT).until(() -> eslStates(status).contains(Reachability.DOWN));
                await().atMost(WAIT).until(() -> status.getRecords().stream()
                        .anyMatch(r -> r.value().reason() != null && r.value().reason().contains("handshake")));
                sim.clearFaults();
            }
            case STALLED_API -> {
                // it shows only when the service asks something: the unanswered command costs the connection
                sim.inject(Fault.STALLED_API);
                RestAssured.get("/api/v1/instances/" + pbx.id() + "/system-status").then().statusCode(503);
                await().atMost(WAIT).until(() -> eslStates(status).contains(Reachability.DOWN));
                sim.clearFaults();
            }
            default -> sim.inject(fault);
        }

        if (fault == Fault.HUGE_EVENT) {
            // 5 MiB of api output is big but well framed (FreeSWITCH can send that): read, not a reason to drop
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> eslStates(status).equals(List.of(Reachability.UP)));
        } else {
            await().atMost(WAIT).until(() -> eslStates(status).equals(
                    List.of(Reachability.UP, Reachability.DOWN, Reachability.UP)));
        }
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        SimulatedCall call = SimulatedCall.answered("1001", "0412345678", DOMAIN, 42);
        ConsumerTask<String, CallEvent> calls = pbx.kafka().consume(Topics.CALL_EVENTS, CallEvent.class,
                e -> call.uuid().equals(e.callUuid()));
        ConsumerTask<String, RawCdr> cdrs = pbx.kafka().consume(Topics.CDR_RAW, RawCdr.class,
                c -> call.uuid().equals(c.cdrUuid()));
        sim.play(call);
        await().atMost(WAIT).until(() -> calls.count() == 3 && cdrs.count() == 1);
        assertThat(calls.getRecords()).extracting(r -> r.value().state()).containsExactly(CallEvent.State.RINGING,
                CallEvent.State.ANSWERED, CallEvent.State.HUNGUP);
        assertThat(cdrs.getFirstRecord().value().billsec()).isEqualTo(42);
    }

    /** The ESL states published, consecutive repeats folded (a DOWN is re-published when its reason changes). */
    static List<Reachability> eslStates(ConsumerTask<String, InstanceStatus> status) {
        List<Reachability> states = new ArrayList<>();
        for (ConsumerRecord<String, InstanceStatus> r : status.getRecords()) {
            if (states.isEmpty() || states.get(states.size() - 1) != r.value().esl()) {
                states.add(r.value().esl());
            }
        }
        return states;
    }
}
