package io.pbxhub.esl;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.InstanceStatus.Reachability;
import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.contracts.Topics;
import io.pbxhub.testsupport.esl.CallFlow;
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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Calls in progress when the ESL connection drops stay listed, flagged stale; after the reconnect, FreeSWITCH's
 * {@code show channels} decides: those it no longer has leave the live view and free their extensions, the others
 * lose the flag.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class StaleCallsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "stale.example.com";

    private PbxConnectedThroughKafka pbx;

    @BeforeEach
    void connect() {
        pbx = PbxConnectedThroughKafka.connect(WAIT);
    }

    @AfterEach
    void close() {
        pbx.close();
    }

    @Test
    void aCallThatEndsWhileEslIsDownIsFlaggedStaleThenDroppedOnReconnectAndItsExtensionsGoIdle() throws Exception {
        EslSimulator sim = pbx.sim();
        List<JsonNode> stream = LiveStreamClient.open("tenant_id=" + pbx.tenant());
        // the server attaches the stream a moment after the response starts: wait until a warm-up call shows
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            sim.hangup(sim.ring(SimulatedCall.unanswered("3999", "3998", DOMAIN, "NO_ANSWER")));
            return !stream.isEmpty();
        });
        String instance = pbx.id().toString();
        ConsumerTask<String, InstanceStatus> status = pbx.kafka().consume(Topics.INSTANCE_STATUS,
                InstanceStatus.class, s -> pbx.id().equals(s.instanceId()));
        ConsumerTask<String, PresenceEvent> presence = pbx.kafka().consume(Topics.PRESENCE, PresenceEvent.class,
                p -> pbx.id().equals(p.instanceId()));
        ConsumerTask<String, CallEvent> callEvents = pbx.kafka().consume(Topics.CALL_EVENTS, CallEvent.class,
                e -> pbx.id().equals(e.instanceId()));
        String ends = sim.ring(CallFlow.bridged(SimulatedCall.local("3001", "3002", DOMAIN, 1)));
        sim.answer(ends);
        String survives = sim.ring(SimulatedCall.answered("3003", "0412345678", DOMAIN, 1));
        sim.answer(survives);
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/calls/active").then().statusCode(200).body("", hasSize(3))
                .body("stale", everyItem(equalTo(false))));

        dropEsl(status);
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/calls/active").then().statusCode(200).body("", hasSize(3))
                .body("stale", everyItem(equalTo(true))));

        await().atMost(WAIT).until(() -> updates(stream, ends).endsWith("BRIDGED stale"));

        // one call ends unseen
        sim.hangup(ends);
        long callEventsBefore = callEvents.count();
        sim.clearFaults();

        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/calls/active").then().statusCode(200)
                .body("channel_uuid", containsInAnyOrder(survives))
                .body("stale", everyItem(equalTo(false))));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/presence").then().statusCode(200)
                .body("find { it.extension == '3001' }.state", equalTo("IDLE"))
                .body("find { it.extension == '3002' }.state", equalTo("IDLE"))
                .body("find { it.extension == '3003' }.state", equalTo("BUSY")));
        await().atMost(WAIT).until(() -> presence.getRecords().stream()
                .filter(r -> "3001".equals(r.value().extension())).reduce((a, b) -> b)
                .map(r -> r.value().state() == PresenceEvent.State.IDLE).orElse(false));
        // the stream shows it ended (while unseen), and the other one confirmed
        await().atMost(WAIT).until(() -> updates(stream, ends).endsWith("BRIDGED stale, HUNGUP stale"));
        await().atMost(WAIT).until(() -> updates(stream, survives).endsWith("ANSWERED stale, ANSWERED live"));
        // no hangup was received, so none is invented on call-events
        assertThat(callEvents.count()).isEqualTo(callEventsBefore);
        assertThat(sim.commands()).contains("api show channels as json");

        sim.hangup(survives);
        assertThat(stream).noneMatch(n -> n.has("unparsable"));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/calls/active").then().statusCode(200).body("", empty()));
    }

    @Test
    void callsThatStartWhileEslIsDownJoinTheLiveViewOnReconnectAndTheirExtensionsShowIt() throws Exception {
        EslSimulator sim = pbx.sim();
        String instance = pbx.id().toString();
        ConsumerTask<String, InstanceStatus> status = pbx.kafka().consume(Topics.INSTANCE_STATUS,
                InstanceStatus.class, s -> pbx.id().equals(s.instanceId()));
        ConsumerTask<String, CallEvent> callEvents = pbx.kafka().consume(Topics.CALL_EVENTS, CallEvent.class,
                e -> pbx.id().equals(e.instanceId()));
        dropEsl(status);

        // unseen: a local call answered (both legs), one still ringing, and one from a carrier
        String talking = sim.ring(CallFlow.bridged(SimulatedCall.local("3101", "3102", DOMAIN, 1)));
        sim.answer(talking);
        String ringing = sim.ring(SimulatedCall.unanswered("3103", "3104", DOMAIN, "NO_ANSWER"));
        String carrier = sim.ring(SimulatedCall.inbound("0298765432", "3105", DOMAIN, 1));
        sim.answer(carrier);
        long callEventsBefore = callEvents.count();
        sim.clearFaults();

        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/calls/active").then().statusCode(200)
                .body("call_uuid", hasItems(talking, ringing, carrier))
                .body("find { it.channel_uuid == '" + talking + "' }.state", equalTo("ANSWERED"))
                .body("find { it.channel_uuid == '" + talking + "' }.caller_number", equalTo("3101"))
                .body("find { it.channel_uuid == '" + talking + "' }.callee_number", equalTo("3102"))
                .body("find { it.channel_uuid == '" + talking + "' }.tenant_id", equalTo(pbx.tenant()))
                .body("find { it.channel_uuid == '" + ringing + "' }.state", equalTo("RINGING"))
                .body("stale", everyItem(equalTo(false))));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/presence").then().statusCode(200)
                .body("find { it.extension == '3101' }.state", equalTo("BUSY"))
                .body("find { it.extension == '3102' }.state", equalTo("BUSY"))
                .body("find { it.extension == '3103' }.state", equalTo("RINGING"))
                // a carrier's A leg gives no BLF to the phone number calling
                .body("find { it.extension == '0298765432' }", nullValue()));
        assertThat(callEvents.count()).as("no call-event is invented").isEqualTo(callEventsBefore);

        // from here on their events are seen as usual
        sim.hangup(talking);
        sim.hangup(ringing);
        sim.hangup(carrier);
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/calls/active").then().statusCode(200).body("", empty()));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", instance)
                .get("/api/v1/presence").then().statusCode(200)
                .body("find { it.extension == '3101' }.state", equalTo("IDLE"))
                .body("find { it.extension == '3103' }.state", equalTo("IDLE")));
    }

    /** The connection drops and cannot come back for now (the PBX does not greet) until the faults are cleared. */
    private void dropEsl(ConsumerTask<String, InstanceStatus> status) {
        pbx.sim().inject(Fault.NO_GREETING);
        pbx.sim().inject(Fault.ABRUPT_CLOSE);
        await().atMost(WAIT).until(() -> FaultRecoveryTest.eslStates(status).contains(Reachability.DOWN));
    }

    /** The call updates of one leg on the stream: "STATE stale|live", comma-separated. */
    private static String updates(List<JsonNode> stream, String channelUuid) {
        return stream.stream().filter(n -> channelUuid.equals(n.path("call").path("channel_uuid").asText()))
                .map(n -> n.path("call").path("state").asText() + " "
                        + (n.path("call").path("stale").asBoolean() ? "stale" : "live"))
                .collect(Collectors.joining(", "));
    }
}
