package io.pbxhub.esl;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.InstanceStatus.Reachability;
import io.pbxhub.contracts.Topics;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.esl.Fault;
import io.pbxhub.testsupport.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Click-to-dial against the FreeSWITCH simulator, which answers {@code bgapi originate} as mod_event_socket does
 * (Job-UUID reply, then a BACKGROUND_JOB event): {@code +OK <uuid>} and a live call for a registered extension,
 * {@code -ERR USER_NOT_REGISTERED} otherwise.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class Click2DialTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/presence").then().statusCode(200));
    }

    @AfterEach
    void tearDown() {
        sim.close();
        kafka.close();
    }

    @Test
    void anOriginateIsSentAsBgapiAndItsAnsweredResultIsQueryable() {
        sim.register("1001", "pbx.example.com", "127.0.0.1", 5062, "Yealink SIP-T46S");

        String jobId = dial(Map.of("from_extension", "1001", "to_number", "0412345678", "caller_id_name", "Alice",
                "caller_id_number", "61290000000", "domain", "PBX.example.com"))
                .statusCode(202)
                .body("status", equalTo("pending"))
                .body("job_id", matchesPattern(UUID_PATTERN))
                .extract().path("job_id");

        assertThat(sim.commands()).contains("bgapi originate {ignore_early_media=true,"
                + "origination_caller_id_number=61290000000,origination_caller_id_name=Alice}"
                + "user/1001@pbx.example.com 0412345678 XML pbx.example.com");
        String callUuid = await().atMost(WAIT).until(() -> RestAssured
                .get("/api/v1/instances/" + id + "/click2dial/" + jobId).then().statusCode(200)
                .body("instance_id", equalTo(id.toString()))
                .extract().<String>path("call_uuid"), uuid -> uuid != null);
        assertThat(callUuid).matches(UUID_PATTERN);
        RestAssured.get("/api/v1/instances/" + id + "/click2dial/" + jobId).then().body("status",
                equalTo("succeeded"));
        // the call it started is live on the PBX, from the extension to the number
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/calls/active").then().statusCode(200)
                .body("find { it.channel_uuid == '" + callUuid + "' }.caller_number", equalTo("1001"))
                .body("find { it.channel_uuid == '" + callUuid + "' }.callee_number", equalTo("0412345678")));
    }

    @Test
    void aRefusedOriginateReportsTheCauseAndTheDomainComesFromTheRegistration() {
        // the phone was seen in its domain, then went away: FreeSWITCH refuses to originate to it
        sim.register("1002", "tenant.example.com", "127.0.0.1", 5062, "Yealink SIP-T46S");
        sim.unregister("1002", "tenant.example.com");
        await().atMost(WAIT).untilAsserted(() -> RestAssured.given().queryParam("instance_id", id.toString())
                .get("/api/v1/presence").then().body("extension", org.hamcrest.Matchers.hasItem("1002")));

        String jobId = dial(Map.of("from_extension", "1002", "to_number", "*97")).statusCode(202).extract()
                .path("job_id");

        assertThat(sim.commands()).contains("bgapi originate {ignore_early_media=true,"
                + "origination_caller_id_number=1002}user/1002@tenant.example.com *97 XML tenant.example.com");
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/api/v1/instances/" + id + "/click2dial/" + jobId)
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("cause", equalTo("USER_NOT_REGISTERED")));
        // the job belongs to its instance
        RestAssured.get("/api/v1/instances/" + UUID.randomUUID() + "/click2dial/" + jobId).then().statusCode(404);
    }

    @Test
    void eslInjectionAttemptsAreRejectedBeforeAnythingIsSent() {
        long before = bgapiCommands();
        dial(Map.of("from_extension", "1001", "to_number", "123\n\napi shutdown", "domain", "a.example.com"))
                .statusCode(400).body("status", equalTo("error")).body("message", containsString("to_number"));
        dial(Map.of("from_extension", "1001 &park", "to_number", "123", "domain", "a.example.com"))
                .statusCode(400).body("message", containsString("from_extension"));
        dial(Map.of("from_extension", "1001", "to_number", "123", "caller_id_name", "x}user/9@evil",
                "domain", "a.example.com")).statusCode(400).body("message", containsString("caller_id_name"));
        dial(Map.of("from_extension", "1001", "to_number", "123", "caller_id_name", "O'Brien",
                "domain", "a.example.com")).statusCode(400);
        dial(Map.of("from_extension", "1001", "to_number", "123", "caller_id_name", "Alice Smith",
                "domain", "a.example.com")).statusCode(400);
        dial(Map.of("from_extension", "1001", "to_number", "123", "caller_id_number", "{x=y}",
                "domain", "a.example.com")).statusCode(400).body("message", containsString("caller_id_number"));
        dial(Map.of("from_extension", "1001", "to_number", "123", "domain", "a.example.com XML evil"))
                .statusCode(400).body("message", containsString("domain"));
        dial(Map.of("to_number", "123", "domain", "a.example.com")).statusCode(400)
                .body("message", containsString("from_extension"));
        RestAssured.given().contentType(ContentType.JSON).body("{\"from_extension\": ")
                .post("/api/v1/instances/" + id + "/click2dial").then().statusCode(400);
        // an extension never seen and no domain given: nothing to originate to
        dial(Map.of("from_extension", "4711", "to_number", "123")).statusCode(400)
                .body("message", containsString("domain is required"));
        assertThat(bgapiCommands()).isEqualTo(before);
    }

    @Test
    void unknownInstancesAndJobsAre404AndAnInstanceWithoutLiveEslIs409() {
        Map<String, String> ok = Map.of("from_extension", "1001", "to_number", "123", "domain", "a.example.com");
        RestAssured.given().contentType(ContentType.JSON).body(ok)
                .post("/api/v1/instances/" + UUID.randomUUID() + "/click2dial").then().statusCode(404)
                .body("status", equalTo("error"));
        RestAssured.given().contentType(ContentType.JSON).body(ok)
                .post("/api/v1/instances/not-a-uuid/click2dial").then().statusCode(404);
        RestAssured.get("/api/v1/instances/" + id + "/click2dial/" + UUID.randomUUID()).then().statusCode(404);

        UUID down = UUID.randomUUID();
        FakeInstanceService.eslPassword(down, "secret");
        ConsumerTask<String, InstanceStatus> status = kafka.consume(Topics.INSTANCE_STATUS, InstanceStatus.class,
                s -> down.equals(s.instanceId()));
        // port 1 on loopback: nothing listens, the connection stays down
        kafka.publish(TestKafka.fusionPbx(down, Change.CREATED, 1, "127.0.0.1", 1));
        await().atMost(WAIT).until(() -> status.getRecords().stream()
                .anyMatch(r -> r.value().esl() == Reachability.DOWN));
        RestAssured.given().contentType(ContentType.JSON).body(ok)
                .post("/api/v1/instances/" + down + "/click2dial").then().statusCode(409)
                .body("message", equalTo("instance " + down + " has no live ESL connection"));
    }

    @Test
    void aPbxThatNeverSendsTheResultLeavesTheJobPending() {
        sim.inject(Fault.STALLED_API);
        String jobId = dial(Map.of("from_extension", "1001", "to_number", "123", "domain", "a.example.com"))
                .statusCode(202).extract().path("job_id");
        RestAssured.get("/api/v1/instances/" + id + "/click2dial/" + jobId).then().statusCode(200)
                .body("status", equalTo("pending"));
    }

    private long bgapiCommands() {
        return sim.commands().stream().filter(c -> c.startsWith("bgapi")).count();
    }

    private io.restassured.response.ValidatableResponse dial(Map<String, String> body) {
        return RestAssured.given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/instances/" + id + "/click2dial").then();
    }
}
