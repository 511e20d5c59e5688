package io.pbxhub.billing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import static io.restassured.RestAssured.given;

/**
 * Raw CDRs as esl-ingest-service writes them, Kafka access for the tests, and rate deck entries made over REST. The
 * test database outlives a run, so every test works with fresh prefixes, instance ids and CDR UUIDs.
 */
public final class BillingFixtures {

    public static final String CDR_RAW = "cdr-raw";
    public static final String CDR_RATED = "cdr-rated";
    public static final String CDR_RAW_DLQ = "cdr-raw.dlq";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaCompanion kafka;

    private BillingFixtures() {
    }

    /** The first column of the first row {@code sql} returns, read as {@code type}; {@code params} bound in order. */
    public static <T> T queryValue(DataSource dataSource, Class<T> type, String sql, Object... params)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (ResultSet r = query.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no row from " + sql);
                }
                return r.getObject(1, type);
            }
        }
    }

    /** The rated CDRs stored for an instance. */
    public static long storedCdrs(DataSource dataSource, UUID instanceId) throws SQLException {
        return queryValue(dataSource, Long.class, "SELECT count(*) FROM rated_cdr WHERE instance_id = ?", instanceId);
    }

    public static synchronized KafkaCompanion kafka() {
        if (kafka == null) {
            kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return kafka;
    }

    /**
     * Produces to partition 0, so records of one test are handled in the order sent: a marker sent last proves that
     * everything before it was handled.
     */
    public static void produce(String key, String value) {
        kafka().produceStrings().fromRecords(new ProducerRecord<>(CDR_RAW, 0, key, value)).awaitCompletion();
    }

    /** As esl-ingest-service sends: CloudEvents attributes in binary mode ({@code ce_*} headers). */
    public static void produceCloudEvent(String key, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_source", bytes("/esl-ingest-service"));
        headers.add("ce_type", bytes("io.pbxhub.cdr.raw.v1"));
        headers.add("ce_time", bytes(Instant.now().toString()));
        headers.add("content-type", bytes("application/json"));
        kafka().produceStrings().fromRecords(new ProducerRecord<>(CDR_RAW, 0, key, value, headers))
                .awaitCompletion();
    }

    /** A prefix no earlier run can have created: 12 random digits. */
    public static String freshPrefix() {
        return "9" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    }

    /** An answered outbound leg of {@code billsec} seconds that started at {@code start}. */
    public static Map<String, Object> cdr(UUID instanceId, String direction, String destination, long billsec,
            Instant start) {
        Map<String, Object> cdr = new LinkedHashMap<>();
        cdr.put("cdrUuid", UUID.randomUUID().toString());
        cdr.put("instanceId", instanceId.toString());
        cdr.put("tenantId", "acme");
        cdr.put("source", "ESL");
        cdr.put("leg", "A");
        cdr.put("direction", direction);
        cdr.put("callerIdName", "Alice Example");
        cdr.put("callerIdNumber", "1001");
        cdr.put("destinationNumber", destination);
        cdr.put("domain", "acme.pbx.test");
        cdr.put("extension", "1001");
        cdr.put("startTime", start.toString());
        if (billsec > 0) {
            cdr.put("answerTime", start.plusSeconds(4).toString());
        }
        cdr.put("endTime", start.plusSeconds(4 + billsec).toString());
        cdr.put("duration", 4 + billsec);
        cdr.put("billsec", billsec);
        cdr.put("hangupCause", billsec > 0 ? "NORMAL_CLEARING" : "NO_ANSWER");
        cdr.put("hangupCauseQ850", billsec > 0 ? 16 : 19);
        cdr.put("callUuid", UUID.randomUUID().toString());
        return cdr;
    }

    public static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void addEntry(String prefix, String ratePerMinute, String connectFee, int first, int next,
            int minDuration) {
        Map<String, Object> body = Map.of("prefix", prefix, "rate_per_minute", ratePerMinute, "connect_fee", connectFee,
                "first_increment", first, "next_increment", next, "min_duration", minDuration);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/rate-decks/default/entries").then()
                .statusCode(201);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
