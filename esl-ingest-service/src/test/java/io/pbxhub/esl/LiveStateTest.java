package io.pbxhub.esl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.contracts.PresenceEvent.State;
import io.pbxhub.contracts.Topics;
import io.pbxhub.esl.connection.EslConnection;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Active calls and BLF presence from the FreeSWITCH simulator (calls, PRESENCE_IN, registrations) through the real
 * broker: the {@code presence} topic and the live REST API.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class LiveStateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "pbx.example.com";

    private TestKafka kafka;
    private EslSimulator sim;
    private UUID id;
    private String tenant;

    @BeforeEach
    void connect() {
        PbxConnectedThroughKafka connected = PbxConnectedThroughKafka.connect(WAIT);
        kafka = connected.kafka();
        sim = connected.sim();
        id = connected.id();
        tenant = connected.tenant();
    }

    @AfterEach
    void tearDown() {
        sim.close();
        kafka.close();
    }

    @Test
    void subscribesToPresenceRegistrationsAndHeartbeats() {
        assertThat(sim.commands()).contains(EslConnection.SUBSCRIPTION.strip());
        assertThat(EslConnection.SUBSCRIPTION).contains(" PRESENCE_IN ", " HEARTBEAT ",
                " CUSTOM sofia::register sofia::unregister sofia::expire\n");
    }

    @Test
    void aCallIsActiveUntilItHangsUpAndItsExtensionGoesRingingBusyOnHoldIdle() {
        String key = id + ":1001@" + DOMAIN;
        ConsumerTask<String, PresenceEvent> presence = kafka.consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()));

        String call = sim.ring(SimulatedCall.answered("1001", "61291234567", DOMAIN, 1));
        sim.answer(call);

        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/calls/active").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].channel_uuid", equalTo(call))
                .body("[0].state", equalTo("ANSWERED"))
                .body("[0].direction", equalTo("OUTBOUND"))
                .body("[0].caller_number", equalTo("1001"))
                .body("[0].callee_number", equalTo("61291234567"))
                .body("[0].tenant_id", equalTo(tenant)));
        RestAssured.given().queryParam("tenant_id", tenant).get("/api/v1/calls/active").then().statusCode(200)
                .body("", hasSize(1));
        RestAssured.given().queryParam("instance_id", id.toString()).queryParam("tenant_id", "someone-else")
                .get("/api/v1/calls/active").then().statusCode(200).body("", empty());
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/presence").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].extension", equalTo("1001"))
                .body("[0].domain", equalTo(DOMAIN))
                .body("[0].state", equalTo("BUSY"))
                .body("[0].call_uuid", equalTo(call)));

        sim.hold(call).unhold(call).hangup(call);

        await().atMost(WAIT).until(() -> presence.count() >= 5);
        assertThat(presence.getRecords()).extracting(ConsumerRecord::key).containsOnly(key);
        assertThat(presence.getRecords()).extracting(r -> r.value().state())
                .containsExactly(State.RINGING, State.BUSY, State.ON_HOLD, State.BUSY, State.IDLE);
        PresenceEvent idle = presence.getLastRecord().value();
        assertThat(idle).isEqualTo(new PresenceEvent(id, tenant, "1001", DOMAIN, State.IDLE, null,
                idle.occurredAt()));
        RestAssured.given().queryParam("instance_id", id.toString()).get("/api/v1/calls/active").then()
                .statusCode(200).body("", empty());
    }

    @Test
    void registrationsAndPresenceInDriveTheBlfOfAnExtensionWithoutCalls() {
        ConsumerTask<String, PresenceEvent> presence = kafka.consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()));

        sim.register("1002", DOMAIN, "127.0.0.1", 5062, "Yealink SIP-T46S"); // idle: first state known
        sim.unregister("1002", DOMAIN);
        sim.register("1002", DOMAIN, "127.0.0.1", 5062, "Yealink SIP-T46S");
        sim.register("1002", DOMAIN, "127.0.0.1", 5062, "Yealink SIP-T46S"); // a re-register changes nothing
        // mod_sofia's own PRESENCE_IN (dialog state of a call it proxies): answer-state without call-info-state
        sim.fireEvent("PRESENCE_IN", sofiaPresence("1002", "c1", "presence-call-info-state", "alerting",
                "answer-state", "early"));
        sim.fireEvent("PRESENCE_IN", sofiaPresence("1002", "c1", "answer-state", "confirmed"));
        sim.fireEvent("PRESENCE_IN", sofiaPresence("1002", "c1", "presence-call-info-state", "held"));
        sim.fireEvent("PRESENCE_IN", sofiaPresence("1002", "c1", "answer-state", "terminated"));
        sim.expire("1002", DOMAIN);

        await().atMost(WAIT).until(() -> presence.count() >= 8);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> presence.count() == 8);
        assertThat(presence.getRecords()).extracting(r -> r.value().state()).containsExactly(State.IDLE,
                State.UNREGISTERED, State.IDLE, State.RINGING, State.BUSY, State.ON_HOLD, State.IDLE,
                State.UNREGISTERED);
        assertThat(presence.getRecords().get(5).value().callUuid()).isEqualTo("c1");
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("tenant_id", tenant)
                .get("/api/v1/presence").then().statusCode(200)
                .body("", hasSize(1)).body("[0].state", equalTo("UNREGISTERED")));
    }

    @Test
    void theBusiestCallWinsAndOneHangupDoesNotIdleAnExtensionStillOnAnotherCall() {
        ConsumerTask<String, PresenceEvent> presence = kafka.consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()));

        String first = sim.ring(SimulatedCall.local("1003", "1004", DOMAIN, 1));
        sim.answer(first);
        String second = sim.ring(SimulatedCall.local("1003", "1005", DOMAIN, 1)); // call waiting
        sim.hangup(second, "ORIGINATOR_CANCEL");
        sim.hangup(first);

        await().atMost(WAIT).until(() -> presence.count() >= 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> presence.count() == 3);
        assertThat(presence.getRecords()).extracting(r -> r.value().state()).containsExactly(State.RINGING,
                State.BUSY, State.IDLE);
    }

    @Test
    void uglyPresenceIdsAndUnknownEventsChangeNothingAndKeepTheConnection() {
        ConsumerTask<String, PresenceEvent> presence = kafka.consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()));

        sim.fireEvent("PRESENCE_IN", Map.of("proto", "sip", "from", "no-at-sign", "answer-state", "confirmed"));
        sim.fireEvent("PRESENCE_IN", Map.of("proto", "sip", "from", "10 01@" + DOMAIN, "answer-state",
                "confirmed"));
        sim.fireEvent("PRESENCE_IN", Map.of("proto", "sip", "from", "1001@", "answer-state", "confirmed"));
        sim.fireEvent("PRESENCE_IN", Map.of("proto", "sip", "from", "1001@" + DOMAIN, "answer-state",
                "sideways"));
        sim.fireEvent("CUSTOM", Map.of("Event-Subclass", "sofia::register_attempt", "from-user", "1001", "realm",
                DOMAIN));
        sim.heartbeat();
        sim.register("1009", DOMAIN, "127.0.0.1", 5063, "Yealink SIP-T46S");

        await().atMost(WAIT).until(() -> presence.count() >= 1);
        assertThat(presence.getRecords()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(id + ":1009@" + DOMAIN);
            assertThat(r.value().state()).isEqualTo(State.IDLE);
        });
        assertThat(sim.commands()).filteredOn(c -> c.startsWith("auth ")).hasSize(1);
    }

    @Test
    void aDeletedInstanceLeavesNoStaleCallsOrPresenceBehind() {
        sim.answer(sim.ring(SimulatedCall.local("1010", "1011", DOMAIN, 1)));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/calls/active").then().body("", hasSize(1)));

        kafka.publish(TestKafka.fusionPbx(id, Change.DELETED, 2, sim.host(), sim.port()));

        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/calls/active").then().statusCode(200).body("", empty()));
        RestAssured.given().queryParam("instance_id", id.toString()).get("/api/v1/presence").then()
                .statusCode(200).body("", empty());
    }

    /** PRESENCE_IN as mod_sofia fires it for a SIP dialog ({@code proto: sip}), with the given presence headers. */
    private static Map<String, String> sofiaPresence(String extension, String callId, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("proto", "sip");
        h.put("login", "sip:" + extension + "@" + DOMAIN);
        h.put("from", extension + "@" + DOMAIN);
        h.put("Unique-ID", callId);
        h.put("event_type", "presence");
        h.put("alt_event_type", "dialog");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return h;
    }

    @Test
    void badQueryParametersAreRejectedWithTheErrorBody() {
        RestAssured.given().queryParam("instance_id", "not-a-uuid").get("/api/v1/calls/active").then()
                .statusCode(400).body("status", equalTo("error"))
                .body("message", equalTo("instance_id must be a UUID"));
        RestAssured.given().queryParam("instance_id", "1-1-1-1-1").get("/api/v1/presence").then().statusCode(400);
        RestAssured.given().queryParam("tenant_id", "x".repeat(101)).get("/api/v1/presence").then()
                .statusCode(400).body("status", equalTo("error"));
        RestAssured.given().queryParam("instance_id", UUID.randomUUID().toString()).get("/api/v1/presence").then()
                .statusCode(200).body("", empty());
    }
}
