package io.pbxhub.billing.cdr;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;

import static io.pbxhub.billing.BillingFixtures.CDR_RAW;
import static io.pbxhub.billing.BillingFixtures.addEntry;
import static io.pbxhub.billing.BillingFixtures.kafka;
import static io.pbxhub.billing.BillingFixtures.storedCdrs;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load: {@code cdr-raw} → rated + stored CDRs per second through the real service (Kafka consumer, parsing, account
 * attribution, rating, special rules, real-time deduction, binary COPY and one insert per poll, cdr-rated outbox),
 * beside a plain JDBC batch insert of the same rows into the same table (same columns and conflict rule, one row per
 * statement, same datasource), in the same run. The channel is paused while the records are produced, so the service's
 * time is measured alone: from resume to the last row stored.
 * <p>
 * Both are warmed up first with {@code load.warmup} CDRs of other instances (not measured), as a service that has
 * been running is: a cold start spends a third of the two cores on JIT compilation during a ten-second run.
 * {@code -Dload.warmup=0} measures from cold.
 * <p>
 * {@code ./mvnw -o -pl cdr-billing-service -am verify -Dsurefire.excludedGroups= -Dgroups=benchmark
 * -Dtest=IntakeLoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dload.cdrs=200000}).
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(IntakeLoadBenchmark.Paused.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class IntakeLoadBenchmark {

    private static final int CDRS = Integer.getInteger("load.cdrs", 200_000);
    private static final int WARMUP = Integer.getInteger("load.warmup", 100_000);
    private static final int JDBC_BATCH = 1000;
    /** {@code -Dload.mix=plain}: only calls of no account that need no rating lookups, to see the intake path alone. */
    private static final boolean PLAIN = "plain".equals(System.getProperty("load.mix"));

    public static class Paused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Map.of("mp.messaging.incoming.cdr-raw.pausable",
                    "true", "mp.messaging.incoming.cdr-raw.initially-paused", "true"));
            // -Dload.config=key=value;key=value tries consumer settings without editing application.properties.
            for (String pair : System.getProperty("load.config", "").split(";")) {
                if (pair.contains("=")) {
                    config.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            return config;
        }
    }

    @Inject
    ChannelRegistry channels;

    @Inject
    DataSource dataSource;

    @Test
    void cdrRawToRatedAndStoredAgainstAPlainJdbcBatchInsert() throws Exception {
        String tenant = "load-" + UUID.randomUUID().toString().substring(0, 8);
        // A realistic mix: a real-time prepaid account calling 1300 numbers (special rate, deducted), a standard
        // account calling rated destinations, and extensions that belong to no account (default deck).
        long special = id(given().contentType(ContentType.JSON).body(Map.of("name", "Prepaid", "currency", "USD",
                "special_number_billing", true, "real_time", true)).post("/api/v1/products"));
        given().contentType(ContentType.JSON).body(List.of(
                Map.of("pattern", "1800", "pattern_type", "prefix", "direction", "outbound", "billing_mode",
                        "flat_per_call", "flat_rate", "0.35", "priority", 20),
                Map.of("pattern", "1300", "pattern_type", "prefix", "direction", "outbound", "billing_mode",
                        "flat_per_call", "flat_rate", "0.05", "priority", 15),
                Map.of("pattern", "13", "pattern_type", "prefix", "direction", "outbound", "billing_mode",
                        "per_minute", "per_minute_rate", "0.10", "priority", 10)))
                .put("/api/v1/products/" + special + "/special-rates").then().statusCode(200);
        long standard = id(given().contentType(ContentType.JSON).body(Map.of("name", "Standard", "currency", "USD"))
                .post("/api/v1/products"));
        long prepaid = id(given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Prepaid",
                "product_id", special, "extensions", List.of("2001"), "balance", "99999999")).post("/api/v1/accounts"));
        id(given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Standard", "product_id",
                standard, "extensions", List.of("3001", "3002"))).post("/api/v1/accounts"));
        addEntry("61", "0.10", "0", 60, 60, 0);
        addEntry("612", "0.08", "0.02", 30, 6, 0);
        addEntry("44", "0.20", "0", 1, 1, 0);

        Instant start = Instant.parse("2026-03-01T08:00:00Z");
        PausableChannel channel = channels.getPausable(CDR_RAW);
        assertThat(channel.isPaused()).isTrue();
        if (WARMUP > 0) {
            runService(channel, UUID.randomUUID(), tenant, WARMUP, start);
            channel.pause();
            jdbcInsert(UUID.randomUUID(), tenant, WARMUP, start);
        }

        UUID instance = UUID.randomUUID();
        double serviceSeconds = runService(channel, instance, tenant, CDRS, start);

        // The same rows, plain JDBC: one batch of 1000 per transaction, same table, same columns and conflict rule.
        UUID baselineInstance = UUID.randomUUID();
        long jdbcBegan = System.nanoTime();
        jdbcInsert(baselineInstance, tenant, CDRS, start);
        double jdbcSeconds = (System.nanoTime() - jdbcBegan) / 1e9;
        assertThat(stored(baselineInstance)).isEqualTo(CDRS);

        String balance = given().get("/api/v1/accounts/" + prepaid).then().extract().path("balance");
        double service = CDRS / serviceSeconds;
        double jdbc = CDRS / jdbcSeconds;
        System.out.printf("%nLOAD %d CDRs after %d warm-up: service %.0f CDRs/s (%.2f s), plain JDBC batch %.0f "
                + "rows/s (%.2f s), ratio %.2f; prepaid balance now %s (1 CDR in 10 deducts 0.05)%n%n", CDRS, WARMUP,
                service, serviceSeconds, jdbc, jdbcSeconds, service / jdbc, balance);
    }

    /** Produces {@code count} CDRs of the mix while the channel is paused, then times the service storing them all. */
    private double runService(PausableChannel channel, UUID instance, String tenant, int count, Instant start)
            throws SQLException {
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new ProducerRecord<>(CDR_RAW, Integer.toString(i), json(instance, tenant, i, start)));
        }
        kafka().produceStrings().fromRecords(records).awaitCompletion(Duration.ofMinutes(5));
        records.clear();

        long began = System.nanoTime();
        channel.resume();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> stored(instance) >= count);
        double seconds = (System.nanoTime() - began) / 1e9;
        assertThat(stored(instance)).isEqualTo(count);
        return seconds;
    }

    /** CDR i of the mix: 1 in 10 prepaid to 1300, 4 in 10 standard account, the rest no account; 1 in 5 inbound. */
    private static String json(UUID instance, String tenant, int i, Instant start) {
        String ext;
        String destination;
        String direction = "OUTBOUND";
        int kind = PLAIN ? 9 : i % 10;
        if (kind == 0) {
            ext = "2001";
            destination = "1300" + (100000 + i % 900000);
        } else if (kind <= 4) {
            ext = kind % 2 == 0 ? "3001" : "3002";
            destination = (kind == 3 ? "4420" : "6129") + (1000000 + i % 9000000);
        } else {
            ext = "4" + (100 + i % 800);
            destination = kind == 9 ? ext : "6128" + (1000000 + i % 9000000);
            direction = kind == 9 ? "INBOUND" : "OUTBOUND";
        }
        long billsec = 5 + i % 600;
        Instant s = start.plusMillis(i * 50L);
        return """
                {"cdrUuid":"%s","instanceId":"%s","tenantId":"%s","source":"ESL","leg":"A","direction":"%s",\
                "callerIdName":"Load Test","callerIdNumber":"%s","destinationNumber":"%s","domain":"load.pbx.test",\
                "extension":"%s","startTime":"%s","answerTime":"%s","endTime":"%s","duration":%d,"billsec":%d,\
                "hangupCause":"NORMAL_CLEARING","hangupCauseQ850":16,"callUuid":"%s"}""".formatted(
                uuid(i), instance, tenant, direction, ext, destination, ext, s, s.plusSeconds(3),
                s.plusSeconds(3 + billsec), 3 + billsec, billsec, uuid(i));
    }

    private static String uuid(int i) {
        return new UUID(0x5EED_0000_0000_0000L, i).toString();
    }

    private void jdbcInsert(UUID instance, String tenant, int count, Instant start) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        RatedCdrRepository.INSERT)) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                long billsec = 5 + i % 600;
                Instant s = start.plusMillis(i * 50L);
                int p = 0;
                insert.setObject(++p, instance);
                insert.setString(++p, uuid(i));
                insert.setString(++p, tenant);
                insert.setString(++p, "ESL");
                insert.setString(++p, "A");
                insert.setString(++p, "OUTBOUND");
                insert.setString(++p, "Load Test");
                insert.setString(++p, "3001");
                insert.setString(++p, "6129" + (1000000 + i % 9000000));
                insert.setString(++p, "load.pbx.test");
                insert.setString(++p, "3001");
                insert.setObject(++p, OffsetDateTime.ofInstant(s, ZoneOffset.UTC));
                insert.setObject(++p, OffsetDateTime.ofInstant(s.plusSeconds(3), ZoneOffset.UTC));
                insert.setObject(++p, OffsetDateTime.ofInstant(s.plusSeconds(3 + billsec), ZoneOffset.UTC));
                insert.setLong(++p, 3 + billsec);
                insert.setLong(++p, billsec);
                insert.setLong(++p, billsec);
                insert.setString(++p, "NORMAL_CLEARING");
                insert.setInt(++p, 16);
                insert.setBigDecimal(++p, new BigDecimal("0.100000"));
                insert.setString(++p, "USD");
                insert.setString(++p, "RATE_DECK");
                insert.setString(++p, "61");
                insert.setObject(++p, OffsetDateTime.now(ZoneOffset.UTC));
                insert.setNull(++p, Types.BIGINT);
                insert.setString(++p, "Standard");
                insert.setNull(++p, Types.BIGINT);
                insert.setNull(++p, Types.VARCHAR);
                insert.setNull(++p, Types.VARCHAR);
                insert.setString(++p, "=== STANDARD RATE ===\nDestination: 61291234567\nCharge: $0.10");
                insert.addBatch();
                if ((i + 1) % JDBC_BATCH == 0 || i == count - 1) {
                    insert.executeBatch();
                    c.commit();
                }
            }
        }
    }

    private long stored(UUID instance) throws SQLException {
        return storedCdrs(dataSource, instance);
    }

    private static long id(io.restassured.response.Response response) {
        return ((Number) response.then().statusCode(201).extract().path("id")).longValue();
    }
}
