package io.pbxhub.billing.cdr;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

import static io.pbxhub.billing.BillingFixtures.CDR_RATED;
import static io.pbxhub.billing.BillingFixtures.CDR_RAW_DLQ;
import static io.pbxhub.billing.BillingFixtures.addEntry;
import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.freshPrefix;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.kafka;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.pbxhub.billing.BillingFixtures.produceCloudEvent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class CdrRatingFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOutboundCallIsRatedAgainstTheEntryCreatedOverRestToTheExactCharge() throws Exception {
        String prefix = freshPrefix();
        UUID instance = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // Before the entry exists the destination has no rate, and the deck is now loaded in memory.
        Map<String, Object> before = cdr(UUID.randomUUID(), "OUTBOUND", "+" + prefix + "4567", 67, start);
        String beforeUuid = (String) before.get("cdrUuid");
        produce(beforeUuid, json(before));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cdrs/" + before.get("instanceId") + "/"
                + beforeUuid).then().statusCode(200).body("matched_by", equalTo("NO_RATE"))
                .body("charge", equalTo("0.000000")).body("billed_seconds", equalTo(0)));

        addEntry(prefix, "0.05", "0.10", 30, 6, 0);
        Map<String, Object> cdr = cdr(instance, "OUTBOUND", "+" + prefix + "4567", 67, start);
        String cdrUuid = (String) cdr.get("cdrUuid");

        try (ConsumerTask<String, String> rated = ratedRecords()) {
            produceCloudEvent(cdrUuid, json(cdr));

            // 67 s on 30/6 bills 72 s: 0.10 + 72/60 × 0.05 = 0.16
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("instance_id", instance.toString())
                    .get("/api/v1/cdrs").then().statusCode(200).body("total", equalTo(1)));
            given().queryParam("instance_id", instance.toString()).get("/api/v1/cdrs").then()
                    .body("items[0].cdr_uuid", equalTo(cdrUuid))
                    .body("items[0].instance_id", equalTo(instance.toString()))
                    .body("items[0].tenant_id", equalTo("acme"))
                    .body("items[0].direction", equalTo("OUTBOUND"))
                    .body("items[0].caller_id_number", equalTo("1001"))
                    .body("items[0].caller_id_name", equalTo("Alice Example"))
                    .body("items[0].destination_number", equalTo("+" + prefix + "4567"))
                    .body("items[0].domain", equalTo("acme.pbx.test"))
                    .body("items[0].start_time", equalTo(start.toString()))
                    .body("items[0].answer_time", equalTo(start.plusSeconds(4).toString()))
                    .body("items[0].end_time", equalTo(start.plusSeconds(71).toString()))
                    .body("items[0].duration", equalTo(71))
                    .body("items[0].billsec", equalTo(67))
                    .body("items[0].billed_seconds", equalTo(72))
                    .body("items[0].hangup_cause", equalTo("NORMAL_CLEARING"))
                    .body("items[0].charge", equalTo("0.160000"))
                    .body("items[0].currency", equalTo("USD"))
                    .body("items[0].matched_by", equalTo("RATE_DECK"))
                    .body("items[0].matched_prefix", equalTo(prefix));
            given().get("/api/v1/cdrs/" + instance + "/" + cdrUuid).then().statusCode(200)
                    .body("charge", equalTo("0.160000")).body("billed_seconds", equalTo(72));

            await().atMost(PATIENCE).until(() -> withKey(rated, cdrUuid).size() == 1);
            ConsumerRecord<String, String> record = withKey(rated, cdrUuid).get(0);
            JsonNode value = JSON.readTree(record.value());
            assertThat(value.get("charge").isTextual()).as("money travels as a string").isTrue();
            assertThat(value.get("charge").asText()).isEqualTo("0.160000");
            assertThat(value.get("billedSeconds").asLong()).isEqualTo(72);
            assertThat(value.get("matchedBy").asText()).isEqualTo("RATE_DECK");
            assertThat(value.get("matchedPrefix").asText()).isEqualTo(prefix);
            assertThat(value.get("currency").asText()).isEqualTo("USD");
            assertThat(value.get("instanceId").asText()).isEqualTo(instance.toString());
            assertThat(header(record, "ce_type")).isEqualTo("io.pbxhub.cdr.rated.v1");
            assertThat(header(record, "ce_source")).isEqualTo("/cdr-billing-service");
            assertThat(header(record, "ce_id")).isEqualTo("rated:" + instance + ":" + cdrUuid);
            // the rest of what the SmallRye connector wrote in binary mode, so consumers see no difference
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_datacontenttype")).isEqualTo("application/json");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(OffsetDateTime.parse(header(record, "ce_time"))).isBetween(
                    OffsetDateTime.now(ZoneOffset.UTC).minus(PATIENCE), OffsetDateTime.now(ZoneOffset.UTC));
        }
    }

    @Test
    void theSameCdrDeliveredTwiceIsStoredOnceAndAnnouncedOnce() {
        String prefix = freshPrefix();
        addEntry(prefix, "0.12", "0", 60, 60, 0);
        UUID instance = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> cdr = cdr(instance, "OUTBOUND", prefix + "1", 61, start);
        String cdrUuid = (String) cdr.get("cdrUuid");
        Map<String, Object> marker = cdr(instance, "OUTBOUND", prefix + "2", 1, start.plusSeconds(1));
        String markerUuid = (String) marker.get("cdrUuid");

        try (ConsumerTask<String, String> rated = ratedRecords(); ConsumerTask<String, String> dlq = deadLetters()) {
            produce(cdrUuid, json(cdr));
            produce(cdrUuid, json(cdr));
            produce(markerUuid, json(marker));

            await().atMost(PATIENCE).until(() -> withKey(rated, markerUuid).size() == 1);
            given().queryParam("instance_id", instance.toString()).get("/api/v1/cdrs").then().statusCode(200)
                    .body("total", equalTo(2));
            given().get("/api/v1/cdrs/" + instance + "/" + cdrUuid).then().statusCode(200)
                    .body("charge", equalTo("0.240000"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> withKey(rated, cdrUuid).size() == 1);
            // The second copy was a quiet no-op, not a failure.
            assertThat(withKey(dlq, cdrUuid)).isEmpty();
        }
    }

    @Test
    void recordsThatCannotBeReadOrRatedGoToTheDeadLetterTopicAndTheNextCdrIsStillRated() {
        UUID instance = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String notJson = "{not json at all " + UUID.randomUUID();
        Map<String, Object> noUuid = cdr(instance, "OUTBOUND", "61299998888", 30, start);
        noUuid.remove("cdrUuid");
        String missingUuid = json(noUuid);
        Map<String, Object> negative = cdr(instance, "OUTBOUND", "61299998888", 30, start);
        negative.put("billsec", -30);
        String negativeBillsec = json(negative);
        Map<String, Object> noInstance = cdr(instance, "OUTBOUND", "61299998888", 30, start);
        noInstance.remove("instanceId");
        String missingInstance = json(noInstance);
        Map<String, Object> good = cdr(instance, "INBOUND", "1001", 30, start.plusSeconds(1));
        String goodUuid = (String) good.get("cdrUuid");

        try (ConsumerTask<String, String> dlq = deadLetters()) {
            produce("poison-" + UUID.randomUUID(), notJson);
            produce("poison-" + UUID.randomUUID(), missingUuid);
            produce((String) negative.get("cdrUuid"), negativeBillsec);
            produce((String) noInstance.get("cdrUuid"), missingInstance);
            produce(goodUuid, json(good));

            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cdrs/" + instance + "/" + goodUuid)
                    .then().statusCode(200).body("matched_by", equalTo("NOT_BILLABLE")).body("charge",
                            equalTo("0.000000")));
            // Only the good one was stored for this instance.
            given().queryParam("instance_id", instance.toString()).get("/api/v1/cdrs").then()
                    .body("total", equalTo(1));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(values(dlq))
                    .contains(notJson, missingUuid, negativeBillsec, missingInstance));
            assertThat(reasonOf(dlq, missingUuid)).contains("cdrUuid");
            assertThat(reasonOf(dlq, negativeBillsec)).contains("billsec");
            assertThat(reasonOf(dlq, missingInstance)).contains("instanceId");
            assertThat(reasonOf(dlq, notJson)).isNotBlank();
        }
    }

    private static ConsumerTask<String, String> deadLetters() {
        return kafka().consumeStrings().withGroupId("dlq-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(CDR_RAW_DLQ);
    }

    private static ConsumerTask<String, String> ratedRecords() {
        return kafka().consumeStrings().withGroupId("rated-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(CDR_RATED);
    }

    private static List<ConsumerRecord<String, String>> withKey(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    private static List<String> values(ConsumerTask<String, String> task) {
        return task.getRecords().stream().map(ConsumerRecord::value).toList();
    }

    private static String reasonOf(ConsumerTask<String, String> dlq, String value) {
        ConsumerRecord<String, String> record = dlq.getRecords().stream().filter(r -> value.equals(r.value()))
                .findFirst().orElseThrow();
        return header(record, "dead-letter-reason");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
