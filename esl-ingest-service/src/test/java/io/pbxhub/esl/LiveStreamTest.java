package io.pbxhub.esl;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The Server-Sent Events stream a dashboard or softphone opens, read over real HTTP while the FreeSWITCH simulator
 * talks.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class LiveStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "stream.example.com";

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
    void aTenantStreamCarriesItsCallAndPresenceChangesAndNothingOfOtherTenants() throws Exception {
        List<JsonNode> stream = open("tenant_id=" + tenant);
        List<JsonNode> other = open("tenant_id=tenant-nobody");
        awaitAttached(stream);

        String call = sim.ring(SimulatedCall.unanswered("2001", "2002", DOMAIN, "NO_ANSWER"));
        sim.hangup(call);

        List<JsonNode> mine = await().atMost(WAIT).until(() -> about(stream, call, "2001"), l -> l.size() >= 4);
        assertThat(mine).extracting(n -> n.path("type").asText() + " " + stateOf(n)).containsExactly(
                "call RINGING", "presence RINGING", "call HUNGUP", "presence IDLE");
        assertThat(mine).allSatisfy(n -> assertThat(n.path("tenant_id").asText()).isEqualTo(tenant));
        JsonNode ringing = mine.get(0).path("call");
        assertThat(ringing.path("channel_uuid").asText()).isEqualTo(call);
        assertThat(ringing.path("caller_number").asText()).isEqualTo("2001");
        assertThat(ringing.path("instance_id").asText()).isEqualTo(id.toString());
        assertThat(mine.get(1).path("presence").path("extension").asText()).isEqualTo("2001");
        assertThat(mine.get(1).path("presence").path("domain").asText()).isEqualTo(DOMAIN);
        assertThat(other).isEmpty();
    }

    @Test
    void aStreamWithoutAUsableTenantIsRefused() {
        RestAssured.when().get("/api/v1/stream").then().statusCode(400).body("status", equalTo("error"))
                .body("message", equalTo("tenant_id is required"));
        RestAssured.given().queryParam("tenant_id", "  ").get("/api/v1/stream").then().statusCode(400);
        RestAssured.given().queryParam("tenant_id", "a\nb").get("/api/v1/stream").then().statusCode(400);
    }

    /**
     * The server attaches a stream's subscription a moment after the response starts; until a warm-up call (another
     * extension) shows up on it, events could pass unseen.
     */
    private void awaitAttached(List<JsonNode> stream) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            sim.hangup(sim.ring(SimulatedCall.unanswered("2999", "2998", DOMAIN, "NO_ANSWER")));
            return !stream.isEmpty();
        });
    }

    /** The updates of one call and of its caller's extension, in arrival order. */
    private static List<JsonNode> about(List<JsonNode> stream, String call, String extension) {
        return stream.stream().filter(n -> call.equals(n.path("call").path("channel_uuid").asText())
                || extension.equals(n.path("presence").path("extension").asText())).toList();
    }

    private static String stateOf(JsonNode update) {
        JsonNode body = update.has("call") ? update.path("call") : update.path("presence");
        return body.path("state").asText();
    }

    private List<JsonNode> open(String query) throws Exception {
        return LiveStreamClient.open(query);
    }
}
