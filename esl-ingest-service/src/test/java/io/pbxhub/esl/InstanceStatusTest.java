package io.pbxhub.esl;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.InstanceEvent.Change;
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

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

/**
 * Spec 004's status and registration endpoints against the FreeSWITCH simulator, whose {@code api} answers are
 * FreeSWITCH's own output formats (mod_commands' version/status/show, mod_sofia's
 * {@code sofia status profile internal reg}) over its live calls and registrations.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class InstanceStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestKafka kafka;
    private EslSimulator sim;
    private UUID id;

    @BeforeEach
    void connect() {
        kafka = new TestKafka();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret"));
        id = UUID.randomUUID();
        FakeInstanceService.eslPassword(id, "secret");
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));
        sim.awaitSubscribers(1, WAIT);
        // UP is set right after the subscribe reply
        await().atMost(WAIT).until(() -> RestAssured.get("/api/v1/instances/" + id + "/system-status")
                .statusCode() != 409);
    }

    @AfterEach
    void tearDown() {
        sim.close();
        kafka.close();
    }

    @Test
    void systemStatusIsReadFromFreeSwitchInTheSpecsFieldNames() {
        sim.addUser("1000", "pbx.example.com");
        sim.register("1001", "pbx.example.com", "127.0.0.1", 5062, "Yealink SIP-T46S");
        sim.register("1002", "pbx.example.com", "127.0.0.1", 5064, "Yealink SIP-T46S");
        sim.register("1003", "pbx.example.com", "127.0.0.1", 5066, "Yealink SIP-T46S");
        sim.unregister("1003", "pbx.example.com");
        for (int i = 0; i < 3; i++) {
            sim.ring(SimulatedCall.local("100" + i, "2000", "pbx.example.com", 1));
        }

        RestAssured.get("/api/v1/instances/" + id + "/system-status").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("message", equalTo("System operational"))
                .body("version", equalTo("1.10.12"))
                .body("uptime_seconds", lessThan(600))
                .body("active_calls", equalTo(3))
                // list_users: 1000 never registered, 1003 registered and left, both still extensions
                .body("total_extensions", equalTo(4))
                .body("registered_extensions", equalTo(2));
    }

    @Test
    void aRegisteredExtensionShowsItsContactAndAnUnknownOneIsNotRegistered() {
        sim.register("1001", "pbx.example.com", "127.0.0.1", 5062, "Yealink SIP-T46S");
        // the phone re-registers from another port: the newest contact counts
        sim.register("1001", "pbx.example.com", "127.0.0.1", 5070, "OhPhone 2.0");

        RestAssured.given().queryParam("tenant_domain", "PBX.example.com")
                .get("/api/v1/instances/" + id + "/registrations/1001").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("registered", equalTo("yes"))
                .body("register_ip", equalTo("127.0.0.1"))
                .body("register_port", equalTo("5070"))
                .body("register_useragent", equalTo("OhPhone 2.0"));
        RestAssured.get("/api/v1/instances/" + id + "/registrations/1002").then().statusCode(200)
                .body("registered", equalTo("no"))
                .body("register_ip", nullValue());
        RestAssured.given().queryParam("tenant_domain", "other.example.com")
                .get("/api/v1/instances/" + id + "/registrations/1001").then().statusCode(200)
                .body("registered", equalTo("no"));
    }

    @Test
    void badInputAndUnknownInstancesAreReported() {
        RestAssured.get("/api/v1/instances/" + id + "/registrations/10%2001").then().statusCode(400);
        RestAssured.given().queryParam("tenant_domain", "a b")
                .get("/api/v1/instances/" + id + "/registrations/1001").then().statusCode(400);
        RestAssured.get("/api/v1/instances/" + UUID.randomUUID() + "/system-status").then().statusCode(404)
                .body("status", equalTo("error"));
        RestAssured.get("/api/v1/instances/nope/system-status").then().statusCode(404);
    }

    @Test
    void aCommandThePbxRefusesIsABadGatewayInTheStandardErrorFormat() {
        sim.unloadApi("sofia");
        RestAssured.get("/api/v1/instances/" + id + "/registrations/1001").then().statusCode(502)
                .body("status", equalTo("error"))
                .body("message", equalTo("PBX refused 'sofia status profile internal reg': "
                        + "-ERR sofia Command not found!"));
        RestAssured.get("/api/v1/instances/" + id + "/system-status").then().statusCode(502)
                .body("message", containsString("-ERR sofia Command not found!"));
        // a missing directory (list_users not there) only leaves the total unknown
        sim.clearFaults();
        sim.unloadApi("list_users");
        RestAssured.get("/api/v1/instances/" + id + "/system-status").then().statusCode(200)
                .body("total_extensions", nullValue());
    }

    @Test
    void aPbxThatDoesNotAnswerAnApiCallIsReportedAndTheConnectionIsReopened() {
        sim.inject(Fault.STALLED_API);
        RestAssured.get("/api/v1/instances/" + id + "/system-status").then().statusCode(503)
                .body("message", containsString("no ESL reply"));
        sim.clearFaults();
        // the stalled stream is dropped and a fresh connection answers again
        await().atMost(WAIT).until(() -> sim.commands().stream().filter(c -> c.startsWith("auth ")).count() >= 2);
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/api/v1/instances/" + id + "/system-status").then()
                .statusCode(200).body("version", equalTo("1.10.12")));
    }
}
