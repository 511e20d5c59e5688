package io.pbxhub.esl;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.esl.connection.EslConnection;
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

/**
 * Events FreeSWITCH lost for a listener that fell behind, as it reports them (CRIT log lines on the ESL log stream):
 * counted per instance in {@code pbxhub_esl_events_lost_total} and shown as {@code lost_events} in system-status.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class LostEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
    void lostEventsReportedByFreeSwitchAreCountedAndShownInSystemStatus() {
        await().atMost(WAIT).until(() -> pbx.sim().commands().contains(EslConnection.LOG_SUBSCRIPTION.strip()));
        // answered after the log command on the same session, so the log level is set from here on
        String statusPath = "/api/v1/instances/" + pbx.id() + "/system-status";
        await().atMost(WAIT).untilAsserted(() -> RestAssured.get(statusPath).then().statusCode(200)
                .body("lost_events", equalTo(0)));

        // a call's events are lost, then the channel log of the next call (NOTICE) must not count
        pbx.sim().loseEvents(3);
        pbx.sim().play(SimulatedCall.answered("4001", "0412345678", "lost.example.com", 5));
        pbx.sim().play(SimulatedCall.answered("4002", "0412345678", "lost.example.com", 5));
        pbx.sim().loseEvents(2);
        pbx.sim().play(SimulatedCall.answered("4003", "0412345678", "lost.example.com", 5));

        await().atMost(WAIT).untilAsserted(() -> RestAssured.get(statusPath).then().statusCode(200)
                .body("lost_events", equalTo(5)));
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString(
                "pbxhub_esl_events_lost_total{instance=\"" + pbx.id() + "\"} 5.0"));
    }
}
