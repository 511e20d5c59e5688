package io.pbxhub.system;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.esl.SimulatedCall;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * One call across the whole suite, on real parts: an operator registers a FusionPBX through the gateway;
 * esl-ingest-service learns of it from instance-events, fetches its ESL password, connects to the simulator and turns
 * the call into call-events and a cdr-raw record; cdr-billing-service rates it; the rated CDR is read back through the
 * gateway.
 */
class WalkingSkeletonIT {

    static final String ESL_PASSWORD = "Skeleton-" + UUID.randomUUID();
    static LocalSuite suite;

    @BeforeAll
    static void startSuite() {
        Path root = Path.of(System.getProperty("pbxhub.root", "..")).toAbsolutePath().normalize();
        suite = LocalSuite.start(root, LocalSuite.Ports.free(), "pbxhub_e2e", true, ESL_PASSWORD);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aCallOnARegisteredPbxBecomesARatedCdr() {
        String gateway = suite.gatewayUrl();
        given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("prefix", "61", "rate_per_minute", "0.10", "connect_fee", "0.05",
                        "first_increment", 60, "next_increment", 60, "min_duration", 0))
                .post("/api/v1/rate-decks/default/entries")
                .then().statusCode(201);

        given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("name", "Skeleton PBX", "hostname", "pbx.skeleton.test", "tenant_id", "skeleton",
                        "database", Map.of("host", "127.0.0.1", "name", "fusionpbx", "username", "fusionpbx",
                                "password", "db-pass"),
                        "esl", Map.of("host", suite.simulator().host(), "port", suite.simulator().port(),
                                "password", ESL_PASSWORD)))
                .post("/api/v1/instances")
                .then().statusCode(201).body("esl.password_set", equalTo(true));

        suite.simulator().awaitSubscribers(1, Duration.ofSeconds(60));
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.skeleton.test", 65);
        suite.simulator().play(call);

        JsonPath cdr = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> findCdr(gateway, call.uuid()), c -> c != null);
        assertThat(cdr.getString("caller_id_number")).isEqualTo("1001");
        assertThat(cdr.getString("destination_number")).isEqualTo("61291234567");
        assertThat(cdr.getString("direction")).isEqualTo("OUTBOUND");
        assertThat(cdr.getLong("billsec")).isEqualTo(65);
        assertThat(cdr.getLong("duration")).isEqualTo(65 + call.ringSeconds());
        // 65 s billed in 60/60 increments is 2 minutes: 0.05 connection + 2 x 0.10.
        assertThat(new BigDecimal(cdr.getString("charge"))).isEqualByComparingTo("0.25");
        assertThat(cdr.getString("currency")).isEqualTo("USD");
        assertThat(cdr.getString("tenant_id")).isEqualTo("skeleton");

        List<String> states = callStates(call.uuid());
        assertThat(states).containsExactly("RINGING", "ANSWERED", "HUNGUP");
    }

    @Test
    void aCdrPushedForA3cxHostAddedThroughTheGatewayIsStoredOnce() {
        String gateway = suite.gatewayUrl();
        String hostId = given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("host_name", "3cx.skeleton.test", "tenant_id", "skeleton"))
                .post("/api/v1/pbx3cx-hosts")
                .then().statusCode(201).extract().path("instance_id");
        String callId = "00000C" + Long.toHexString(System.nanoTime()).toUpperCase();
        Map<String, Object> cdr = Map.of("host_id", hostId, "callid", callId,
                "time_start", "2026-03-02T09:15:00+11:00", "time_answered", "2026-03-02T09:15:05+11:00",
                "time_end", "2026-03-02T09:16:10+11:00", "from_no", "101", "from_dn", "101",
                "from_type", "Extension", "to_type", "Line", "dial_no", "61291234567");

        // billing knows the host once instance-service's instance-events record reached it
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> given().baseUri(gateway).contentType(ContentType.JSON).body(cdr).post("/api/v1/cdrs/3cx")
                        .then().statusCode(202).extract().<Integer>path("accepted") == 1);
        given().baseUri(gateway).contentType(ContentType.JSON).body(cdr).post("/api/v1/cdrs/3cx")
                .then().statusCode(202).body("duplicate", equalTo(1)).body("accepted", equalTo(0));

        JsonPath stored = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> findCdr(gateway, callId), c -> c != null);
        assertThat(stored.getString("tenant_id")).isEqualTo("skeleton");
        assertThat(stored.getString("direction")).isEqualTo("OUTBOUND");
        assertThat(stored.getString("destination_number")).isEqualTo("61291234567");
        assertThat(stored.getLong("billsec")).isEqualTo(65);
    }

    @Test
    void theGatewayAnswersUnknownRoutesInTheStandardFormat() {
        given().baseUri(suite.gatewayUrl()).get("/api/v1/does-not-exist")
                .then().statusCode(404).body("status", equalTo("error"));
    }

    @Test
    void noServiceLogsTheEslPassword() throws Exception {
        for (ServiceProcess s : suite.services()) {
            assertThat(Files.readString(s.log())).as(s.name() + " log").doesNotContain(ESL_PASSWORD);
        }
    }

    private static JsonPath findCdr(String gateway, String cdrUuid) {
        JsonPath page = given().baseUri(gateway).get("/api/v1/cdrs?size=100").then().statusCode(200).extract()
                .jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        for (int i = 0; i < items.size(); i++) {
            if (cdrUuid.equals(items.get(i).get("cdr_uuid"))) {
                return new JsonPath(page.prettify()).setRootPath("items[" + i + "]");
            }
        }
        return null;
    }

    private static List<String> callStates(String callUuid) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> states = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("call-events"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (callUuid.equals(r.key())) {
                        states.add(JsonPath.from(r.value()).getString("state"));
                    }
                }
                return states.contains("HUNGUP");
            });
        }
        return states;
    }
}
