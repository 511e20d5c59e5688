package io.pbxhub.esl;

import java.time.Duration;
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
import io.pbxhub.esl.instance.FakeInstanceService;
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
 * Active calls and BLF presence from a scripted PBX (PRESENCE_IN and registrations are not in the shared simulator
 * yet) through the real broker: the {@code presence} topic and the live REST API.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class LiveStateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "pbx.example.com";

    private TestKafka kafka;
    private ScriptedPbx pbx;
    private UUID id;
    private String tenant;

    @BeforeEach
    void connect() {
        PbxConnectedThroughKafka connected = PbxConnectedThroughKafka.connect(WAIT);
        kafka = connected.kafka();
        pbx = connected.pbx();
        id = connected.id();
        tenant = connected.tenant();
    }

    @AfterEach
    void tearDown() {
        pbx.close();
        kafka.close();
    }

    @Test
    void subscribesToPresenceRegistrationsAndHeartbeats() {
        assertThat(pbx.commands).contains(EslConnection.SUBSCRIPTION.strip());
        assertThat(EslConnection.SUBSCRIPTION).contains(" PRESENCE_IN ", " HEARTBEAT ",
                " CUSTOM sofia::register sofia::unregister sofia::expire\n");
    }

    @Test
    void aCallIsActiveUntilItHangsUpAndItsExtensionGoesRingingBusyOnHoldIdle() {
        String key = id + ":1001@" + DOMAIN;
        ConsumerTask<String, PresenceEvent> presence = kafka.consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()));
        String call = UUID.randomUUID().toString();

        pbx.send(ScriptedPbx.channel("CHANNEL_CREATE", call, "1001", DOMAIN, "61291234567"));
        pbx.send(ScriptedPbx.channel("CHANNEL_ANSWER", call, "1001", DOMAIN, "61291234567"));

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

        pbx.send(ScriptedPbx.channel("CHANNEL_HOLD", call, "1001", DOMAIN, "61291234567"));
        pbx.send(ScriptedPbx.channel("CHANNEL_UNHOLD", call, "1001", DOMAIN, "61291234567"));
        pbx.send(ScriptedPbx.channel("CHANNEL_HANGUP_COMPLETE", call, "1001", DOMAIN, "61291234567"));

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

        pbx.send(ScriptedPbx.registration("sofia::register", "1002", DOMAIN)); // idle: first state known
        pbx.send(ScriptedPbx.registration("sofia::unregister", "1002", DOMAIN));
        pbx.send(ScriptedPbx.registration("sofia::register", "1002", DOMAIN));
        pbx.send(ScriptedPbx.registration("sofia::register", "1002", DOMAIN)); // a re-register changes nothing
        pbx.send(Map.of("Event-Name", "PRESENCE_IN", "from", "1002@" + DOMAIN, "Unique-ID", "c1",
                "presence-call-info-state", "alerting", "answer-state", "early"));
        pbx.send(Map.of("Event-Name", "PRESENCE_IN", "from", "1002@" + DOMAIN, "Unique-ID", "c1",
                "answer-state", "confirmed"));
        pbx.send(Map.of("Event-Name", "PRESENCE_IN", "from", "1002@" + DOMAIN, "Unique-ID", "c1",
                "presence-call-info-state", "held"));
        pbx.send(Map.of("Event-Name", "PRESENCE_IN", "from", "1002@" + DOMAIN, "Unique-ID", "c1",
                "answer-state", "terminated"));
        pbx.send(ScriptedPbx.registration("sofia::expire", "1002", DOMAIN));

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
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        pbx.send(ScriptedPbx.channel("CHANNEL_ANSWER", first, "1003", DOMAIN, "1004"));
        pbx.send(ScriptedPbx.channel("CHANNEL_CREATE", second, "1003", DOMAIN, "1005")); // call waiting
        pbx.send(ScriptedPbx.channel("CHANNEL_HANGUP_COMPLETE", second, "1003", DOMAIN, "1005"));
        pbx.send(ScriptedPbx.channel("CHANNEL_HANGUP_COMPLETE", first, "1003", DOMAIN, "1004"));

        await().atMost(WAIT).until(() -> presence.count() >= 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> presence.count() == 2);
        assertThat(presence.getRecords()).extracting(r -> r.value().state()).containsExactly(State.BUSY,
                State.IDLE);
    }

    @Test
    void uglyPresenceIdsAndUnknownEventsChangeNothingAndKeepTheConnection() {
        ConsumerTask<String, PresenceEvent> presence = kafka.consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()));

        pbx.send(Map.of("Event-Name", "PRESENCE_IN", "from", "no-at-sign", "answer-state", "confirmed"));
        pbx.send(Map.of("Event-Name", "PRESENCE_IN", "from", "10 01@" + DOMAIN, "answer-state", "confirmed"));
        pbx.send(Map.of("Event-Name", "PRESENCE_IN", "from", "1001@", "answer-state", "confirmed"));
        pbx.send(Map.of("Event-Name", "PRESENCE_IN", "from", "1001@" + DOMAIN, "answer-state", "sideways"));
        pbx.send(Map.of("Event-Name", "CUSTOM", "Event-Subclass", "sofia::register_attempt", "from-user", "1001",
                "realm", DOMAIN));
        pbx.send(Map.of("Event-Name", "HEARTBEAT", "Up-Time", "0 years, 0 days"));
        pbx.send(ScriptedPbx.registration("sofia::register", "1009", DOMAIN));

        await().atMost(WAIT).until(() -> presence.count() >= 1);
        assertThat(presence.getRecords()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(id + ":1009@" + DOMAIN);
            assertThat(r.value().state()).isEqualTo(State.IDLE);
        });
        assertThat(pbx.subscribed).hasSize(1);
    }

    @Test
    void aDeletedInstanceLeavesNoStaleCallsOrPresenceBehind() {
        String call = UUID.randomUUID().toString();
        pbx.send(ScriptedPbx.channel("CHANNEL_ANSWER", call, "1010", DOMAIN, "1011"));
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/calls/active").then().body("", hasSize(1)));

        kafka.publish(TestKafka.fusionPbx(id, Change.DELETED, 2, pbx.host(), pbx.port()));

        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/calls/active").then().statusCode(200).body("", empty()));
        RestAssured.given().queryParam("instance_id", id.toString()).get("/api/v1/presence").then()
                .statusCode(200).body("", empty());
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
