package io.pbxhub.esl;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.esl.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Spec 004's status and registration endpoints against a scripted PBX whose {@code api} answers are FreeSWITCH's own
 * output formats (mod_commands' version/status/show, mod_sofia's {@code sofia status profile internal reg}).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class InstanceStatusTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static final String VERSION = "FreeSWITCH Version 1.10.9-release+git~20230210T032428Z~97d2cfcd21~64bit "
            + "(git 97d2cfc 2023-02-10 03:24:28Z 64bit)\n";
    static final String STATUS = """
            UP 0 years, 7 days, 3 hours, 0 minutes, 27 seconds, 542 milliseconds, 283 microseconds
            FreeSWITCH (Version 1.10.9-release git 97d2cfc 2023-02-10 03:24:28Z 64bit) is ready
            1021 session(s) since startup
            5 session(s) - peak 12, last 5min 3\s
            0 session(s) per Sec out of max 30, peak 4, last 5min 0\s
            1000 session(s) max
            min idle cpu 0.00/97.33
            Current Stack Size/Max 240K/8192K
            """;
    static final String CALLS_COUNT = "\n3 total.\n";
    static final String LIST_USERS = """
            userid|context|domain|group|contact|callgroup|effective_caller_id_name|effective_caller_id_number
            1001|default|pbx.example.com|default|sofia/internal/sip:1001@127.0.0.1:5060|techsupport|Alice|1001
            1002|default|pbx.example.com|default|error/user_not_registered||Bob|1002
            1003|default|pbx.example.com|default|error/user_not_registered||Carol|1003

            +OK
            """;
    static final String REGISTRATIONS = """
            Registrations:
            =================================================================================================
            Call-ID:    \t002D61B2-5F3A-DD11-BF4B-00132019B750@127.0.0.1
            User:       \t1001@pbx.example.com
            Contact:    \t"1001" <sip:1001@127.0.0.1:5062;fs_nat=yes>
            Agent:      \tYealink SIP-T46S 66.86.0.15
            Status:     \tRegistered(UDP-NAT)(unknown) EXP(2026-11-23 12:00:00) EXPSECS(3589)
            Ping-Status:\tReachable
            Host:       \tpbx
            IP:         \t127.0.0.1
            Port:       \t5062
            Auth-User:  \t1001
            Auth-Realm: \tpbx.example.com
            MWI-Account:\t1001@pbx.example.com

            Call-ID:    \t7f3e@127.0.0.1
            User:       \t1001@pbx.example.com
            Contact:    \t"1001" <sip:1001@127.0.0.1:5070>
            Agent:      \tOhPhone 2.0
            Status:     \tRegistered(UDP)(unknown) EXP(2026-11-23 12:00:00) EXPSECS(3000)
            Ping-Status:\tReachable
            Host:       \tpbx
            IP:         \t127.0.0.1
            Port:       \t5070
            Auth-User:  \t1001
            Auth-Realm: \tpbx.example.com
            MWI-Account:\t1001@pbx.example.com

            Total items returned: 2
            =================================================================================================
            """;

    private TestKafka kafka;
    private ScriptedPbx pbx;
    private UUID id;

    @BeforeEach
    void connect() {
        kafka = new TestKafka();
        pbx = ScriptedPbx.start("secret");
        pbx.apiAnswers.put("version", VERSION);
        pbx.apiAnswers.put("status", STATUS);
        pbx.apiAnswers.put("show calls count", CALLS_COUNT);
        pbx.apiAnswers.put("list_users", LIST_USERS);
        pbx.apiAnswers.put("sofia status profile internal reg", REGISTRATIONS);
        id = UUID.randomUUID();
        FakeInstanceService.eslPassword(id, "secret");
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, pbx.host(), pbx.port()));
        await().atMost(WAIT).until(() -> pbx.subscribed.size() == 1);
        // UP is set right after the subscribe reply
        await().atMost(WAIT).until(() -> RestAssured.get("/api/v1/instances/" + id + "/system-status")
                .statusCode() != 409);
    }

    @AfterEach
    void tearDown() {
        pbx.close();
        kafka.close();
    }

    @Test
    void systemStatusIsReadFromFreeSwitchInTheSpecsFieldNames() {
        RestAssured.get("/api/v1/instances/" + id + "/system-status").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("message", equalTo("System operational"))
                .body("version", equalTo("1.10.9"))
                .body("uptime", equalTo("7 days, 3 hours"))
                .body("uptime_seconds", equalTo(7 * 86_400 + 3 * 3_600 + 27))
                .body("active_calls", equalTo(3))
                .body("total_extensions", equalTo(3))
                .body("registered_extensions", equalTo(1));
    }

    @Test
    void aRegisteredExtensionShowsItsNewestContactAndAnUnknownOneIsNotRegistered() {
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
    void badInputUnknownInstancesAndPbxErrorsAreReported() {
        RestAssured.get("/api/v1/instances/" + id + "/registrations/10%2001").then().statusCode(400);
        RestAssured.given().queryParam("tenant_domain", "a b")
                .get("/api/v1/instances/" + id + "/registrations/1001").then().statusCode(400);
        RestAssured.get("/api/v1/instances/" + UUID.randomUUID() + "/system-status").then().statusCode(404)
                .body("status", equalTo("error"));
        RestAssured.get("/api/v1/instances/nope/system-status").then().statusCode(404);

        pbx.apiAnswers.remove("version");
        RestAssured.get("/api/v1/instances/" + id + "/system-status").then().statusCode(502)
                .body("message", containsString("version"));
    }

    @Test
    void aPbxThatDoesNotAnswerAnApiCallIsReportedAndTheConnectionIsReopened() {
        pbx.silent = true;
        RestAssured.get("/api/v1/instances/" + id + "/system-status").then().statusCode(503)
                .body("message", containsString("no ESL reply"));
        pbx.silent = false;
        // the stalled stream is dropped and a fresh connection answers again
        await().atMost(WAIT).until(() -> pbx.subscribed.size() >= 2);
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get("/api/v1/instances/" + id + "/system-status").then()
                .statusCode(200).body("version", equalTo("1.10.9")));
        assertThat(pbx.commands.stream().filter(c -> c.startsWith("auth ")).count()).isGreaterThanOrEqualTo(2);
    }
}
