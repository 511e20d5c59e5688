package io.pbxhub.billing.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

import static io.pbxhub.billing.BillingFixtures.CDR_RAW;
import static io.pbxhub.billing.BillingFixtures.CDR_RAW_DLQ;
import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.kafka;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The ugly inputs of {@code cdr-raw}: each reaches {@code cdr-raw.dlq} byte for byte with its reason, is listed at
 * {@code GET /api/v1/admin/cdr-failures}, and the CDRs around it are still rated.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class CdrFailuresTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void everyPoisonRecordIsDeadLetteredByteForByteListedWithItsReasonAndTheGoodOnesAreRated() {
        UUID instance = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String tag = UUID.randomUUID().toString();

        Map<String, Object> good1 = cdr(instance, "INBOUND", "1001", 30, start);
        Map<String, Object> good2 = cdr(instance, "INBOUND", "1002", 40, start.plusSeconds(1));
        byte[] notJson = ("{not json at all " + tag).getBytes(StandardCharsets.UTF_8);
        String full = json(cdr(instance, "OUTBOUND", "61299998888", 30, start));
        byte[] truncated = full.substring(0, full.length() / 2).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> noBillsec = cdr(instance, "OUTBOUND", "61299998888", 30, start);
        noBillsec.remove("billsec");
        byte[] missingBillsec = json(noBillsec).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> big = cdr(instance, "OUTBOUND", "61299998888", 30, start);
        big.put("callerIdName", "x".repeat(200_000));
        byte[] huge = json(big).getBytes(StandardCharsets.UTF_8);
        // Not UTF-8 at all: must arrive on the DLQ as these very bytes, not as replacement characters.
        byte[] binary = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 1, 2, (byte) 0xFE, '{'};
        // Parses fine but PostgreSQL refuses NUL in text: fails inside the batch transaction, alone.
        Map<String, Object> nul = cdr(instance, "OUTBOUND", "61299998888", 30, start);
        nul.put("callerIdName", "A\u0000B");
        byte[] refusedByDatabase = json(nul).getBytes(StandardCharsets.UTF_8);

        try (ConsumerTask<String, byte[]> dlq = deadLetters()) {
            produce(List.of(
                    record((String) good1.get("cdrUuid"), json(good1).getBytes(StandardCharsets.UTF_8)),
                    record("bad-json-" + tag, notJson),
                    record("truncated-" + tag, truncated),
                    record("missing-" + tag, missingBillsec),
                    record("huge-" + tag, huge),
                    record("binary-" + tag, binary),
                    record("nul-" + tag, refusedByDatabase),
                    record((String) good2.get("cdrUuid"), json(good2).getBytes(StandardCharsets.UTF_8))));

            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("instance_id", instance.toString())
                    .get("/api/v1/cdrs").then().statusCode(200).body("total", equalTo(2)));
            given().get("/api/v1/cdrs/" + instance + "/" + good2.get("cdrUuid")).then().statusCode(200)
                    .body("billsec", equalTo(40));

            await().atMost(PATIENCE).until(() -> withKeySuffix(dlq, tag).size() == 6);
            assertThat(dlqValue(dlq, "bad-json-" + tag)).isEqualTo(notJson);
            assertThat(dlqValue(dlq, "truncated-" + tag)).isEqualTo(truncated);
            assertThat(dlqValue(dlq, "missing-" + tag)).isEqualTo(missingBillsec);
            assertThat(dlqValue(dlq, "huge-" + tag)).isEqualTo(huge);
            assertThat(dlqValue(dlq, "binary-" + tag)).isEqualTo(binary);
            assertThat(dlqValue(dlq, "nul-" + tag)).isEqualTo(refusedByDatabase);
            assertThat(reason(dlq, "bad-json-" + tag)).startsWith("not JSON");
            assertThat(reason(dlq, "truncated-" + tag)).startsWith("not JSON");
            assertThat(reason(dlq, "missing-" + tag)).isEqualTo("billsec is missing");
            assertThat(reason(dlq, "huge-" + tag)).contains(huge.length + " bytes");
            assertThat(reason(dlq, "nul-" + tag)).contains("0x00");
        }

        // The admin endpoint lists all six, newest first, with where they came from and a bounded payload.
        JsonPath failures = given().queryParam("source", "kafka").queryParam("size", 200)
                .get("/api/v1/admin/cdr-failures").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> ours = failures.<Map<String, Object>>getList("items").stream()
                .filter(f -> String.valueOf(f.get("cdr_key")).endsWith(tag)).toList();
        assertThat(ours).hasSize(6);
        assertThat(ours).allSatisfy(f -> {
            assertThat(f.get("source")).isEqualTo("kafka");
            assertThat(f.get("topic")).isEqualTo(CDR_RAW);
            assertThat(f.get("partition")).isEqualTo(0);
            assertThat(f.get("offset")).isNotNull();
            assertThat(f.get("received_at")).isNotNull();
            assertThat((String) f.get("reason")).isNotBlank();
        });
        Map<String, Object> hugeFailure = byKey(ours, "huge-" + tag);
        assertThat(hugeFailure.get("payload_truncated")).isEqualTo(true);
        assertThat(hugeFailure.get("payload_bytes")).isEqualTo(huge.length);
        assertThat(((String) hugeFailure.get("payload")).length()).isEqualTo(4096);
        Map<String, Object> badJson = byKey(ours, "bad-json-" + tag);
        assertThat(badJson.get("payload")).isEqualTo(new String(notJson, StandardCharsets.UTF_8));
        assertThat(badJson.get("payload_truncated")).isEqualTo(false);
        assertThat(byKey(ours, "nul-" + tag).get("instance_id")).isEqualTo(instance.toString());
        assertThat(byKey(ours, "missing-" + tag).get("reason")).isEqualTo("billsec is missing");
        assertThat(failures.getInt("total")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void theFailuresEndpointRefusesBadPagingInTheStandardErrorFormat() {
        given().queryParam("size", 0).get("/api/v1/admin/cdr-failures").then().statusCode(400)
                .body("status", equalTo("error")).body("message", equalTo("size: must be between 1 and 500"));
        given().queryParam("source", "smoke-signals").get("/api/v1/admin/cdr-failures").then().statusCode(400)
                .body("status", equalTo("error")).body("message", equalTo("source: one of kafka, fusionpbx, 3cx"));
        given().queryParam("page", "x").get("/api/v1/admin/cdr-failures").then().statusCode(400)
                .body("message", equalTo("page: not a whole number"));
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(CDR_RAW, 0, key, value);
    }

    private static void produce(List<ProducerRecord<String, byte[]>> records) {
        kafka().produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    private static ConsumerTask<String, byte[]> deadLetters() {
        return kafka().consume(String.class, byte[].class).withGroupId("dlq-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(CDR_RAW_DLQ);
    }

    private static List<ConsumerRecord<String, byte[]>> withKeySuffix(ConsumerTask<String, byte[]> task,
            String suffix) {
        return task.getRecords().stream().filter(r -> r.key() != null && r.key().endsWith(suffix)).toList();
    }

    private static ConsumerRecord<String, byte[]> dlqRecord(ConsumerTask<String, byte[]> dlq, String key) {
        return dlq.getRecords().stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    private static byte[] dlqValue(ConsumerTask<String, byte[]> dlq, String key) {
        return dlqRecord(dlq, key).value();
    }

    private static String reason(ConsumerTask<String, byte[]> dlq, String key) {
        Header header = dlqRecord(dlq, key).headers().lastHeader("dead-letter-reason");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> byKey(List<Map<String, Object>> failures, String key) {
        return failures.stream().filter(f -> key.equals(f.get("cdr_key"))).findFirst().orElseThrow(
                () -> new AssertionError(key + " not in " + Arrays.toString(failures.toArray())));
    }
}
