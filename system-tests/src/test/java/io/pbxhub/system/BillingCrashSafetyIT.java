package io.pbxhub.system;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBroker;
import io.pbxhub.testsupport.postgres.PostgresServer;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety of billing's cdr-raw intake, on the packaged service: N CDRs for a real-time prepaid account and a
 * standard one are produced, the billing JVM is killed with SIGKILL while it is consuming them, and started again.
 * Afterwards every CDR is stored exactly once and the prepaid balance is deducted exactly once per special-rate call:
 * offsets are committed only after the database commit, and a redelivered CDR's idempotent insert deducts nothing.
 */
class BillingCrashSafetyIT {

    private static final int CDRS = 6000;
    private static final String DATABASE = "pbxhub_crash_billing";
    private static final String TENANT = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private static final BigDecimal OPENING = new BigDecimal("100000.000000");
    private static final BigDecimal FLAT = new BigDecimal("0.05");

    static KafkaBroker kafka;
    static Map<String, String> config;
    static Path root;
    static int port;
    static ServiceProcess billing;

    @BeforeAll
    static void start() {
        root = Path.of(System.getProperty("pbxhub.root", "..")).toAbsolutePath().normalize();
        kafka = KafkaBroker.start(0);
        PostgresServer pg = PostgresServer.locate();
        config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", pg.freshDatabase(DATABASE));
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", pg.password());
        config.put("pbxhub.billing.fusionpbx.import-interval", "off");
        // Small polls, so the kill lands between many committed and uncommitted batches.
        config.put("mp.messaging.incoming.cdr-raw.max.poll.records", "100");
        // The killed consumer never leaves its group; the broker notices after the session timeout.
        config.put("mp.messaging.incoming.cdr-raw.session.timeout.ms", "6000");
        config.put("mp.messaging.incoming.cdr-raw.heartbeat.interval.ms", "1000");
        port = LocalSuite.freePort();
        billing = ServiceProcess.start(root, "cdr-billing-service", port, config, logs());
        billing.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (billing != null) {
            billing.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void killedWhileConsumingAndRestartedEveryCdrIsStoredOnceAndEveryDeductionMadeOnce() throws Exception {
        String url = billing.url();
        long realTimeProduct = post(url, "/api/v1/products", Map.of("name", "Prepaid 1300", "currency", "USD",
                "special_number_billing", true, "real_time", true));
        given().baseUri(url).contentType(ContentType.JSON).body(List.of(Map.of("pattern", "1300",
                "pattern_type", "prefix", "direction", "outbound", "billing_mode", "flat_per_call", "flat_rate",
                FLAT.toPlainString(), "rule_name", "1300 flat"))).put("/api/v1/products/" + realTimeProduct
                        + "/special-rates")
                .then().statusCode(200);
        long standardProduct = post(url, "/api/v1/products", Map.of("name", "Standard", "currency", "USD"));
        long prepaid = post(url, "/api/v1/accounts", Map.of("tenant_id", TENANT, "name", "Prepaid",
                "product_id", realTimeProduct, "extensions", List.of("2001"), "balance", OPENING.toPlainString()));
        long standard = post(url, "/api/v1/accounts", Map.of("tenant_id", TENANT, "name", "Standard",
                "product_id", standardProduct, "extensions", List.of("3001")));

        UUID instance = UUID.randomUUID();
        Instant start = Instant.parse("2026-01-05T09:00:00Z");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < CDRS; i++) {
                boolean special = i % 2 == 0;
                String uuid = UUID.randomUUID().toString();
                String json = """
                        {"cdrUuid":"%s","instanceId":"%s","tenantId":"%s","source":"ESL","leg":"A",\
                        "direction":"OUTBOUND","callerIdNumber":"%s","destinationNumber":"%s","extension":"%s",\
                        "startTime":"%s","answerTime":"%s","endTime":"%s","duration":64,"billsec":60,\
                        "hangupCause":"NORMAL_CLEARING","hangupCauseQ850":16}""".formatted(uuid, instance, TENANT,
                        special ? "2001" : "3001", special ? "1300" + (100000 + i) : "6129" + (1000000 + i),
                        special ? "2001" : "3001", start.plusSeconds(i), start.plusSeconds(i + 4),
                        start.plusSeconds(i + 64));
                producer.send(new ProducerRecord<>("cdr-raw", uuid, json));
            }
            producer.flush();
        }

        // Kill it while it is consuming: a fifth or more stored, not all.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> stored(url, instance) >= CDRS / 5);
        billing.kill();
        int storedAtKill = storedInDatabase(instance);
        assertThat(storedAtKill).as("the kill must land mid-stream").isLessThan(CDRS).isGreaterThan(0);

        billing = ServiceProcess.start(root, "cdr-billing-service", port, config, logs());
        billing.awaitReady(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> stored(url, instance) >= CDRS);
        // Nothing more arrives: the count stays at exactly N (the natural key would not allow more anyway).
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> stored(url, instance) == CDRS);

        String balance = given().baseUri(url).get("/api/v1/accounts/" + prepaid).then().statusCode(200).extract()
                .path("balance");
        BigDecimal deducted = FLAT.multiply(BigDecimal.valueOf(CDRS / 2));
        assertThat(new BigDecimal(balance)).isEqualByComparingTo(OPENING.subtract(deducted));
        int prepaidCdrs = given().baseUri(url).get("/api/v1/accounts/" + prepaid + "/cdrs").then().statusCode(200)
                .extract().path("total");
        int standardCdrs = given().baseUri(url).get("/api/v1/accounts/" + standard + "/cdrs").then()
                .statusCode(200).extract().path("total");
        assertThat(prepaidCdrs).isEqualTo(CDRS / 2);
        assertThat(standardCdrs).isEqualTo(CDRS / 2);
        // Offsets are committed a few seconds behind the database (throttled strategy): the restarted service really
        // got CDRs again that were stored already, and the insert dropped them.
        double redelivered = duplicates(url);
        assertThat(redelivered).as("CDRs delivered again after the restart").isGreaterThan(0);
        System.out.printf("crash safety: %d of %d CDRs stored when killed; after restart %d stored (%d redelivered"
                + " and dropped), balance %s%n", storedAtKill, CDRS, stored(url, instance), (long) redelivered,
                balance);
    }

    private static int stored(String url, UUID instance) {
        try {
            return given().baseUri(url).queryParam("instance_id", instance.toString()).queryParam("size", 1)
                    .get("/api/v1/cdrs").then().statusCode(200).extract().path("total");
        } catch (Exception | AssertionError e) {
            return -1;
        }
    }

    /** Read straight from billing's database: the service is dead at this point. */
    private static int storedInDatabase(UUID instance) throws java.sql.SQLException {
        try (java.sql.Connection c = PostgresServer.locate().connect(DATABASE);
                java.sql.PreparedStatement count = c.prepareStatement(
                        "select count(*) from rated_cdr where instance_id = ?")) {
            count.setObject(1, instance);
            try (java.sql.ResultSet r = count.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static double duplicates(String url) {
        String metrics = given().baseUri(url).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("pbxhub_billing_cdr_intake_total{")
                && l.contains("outcome=\"duplicate\"") && l.contains("source=\"kafka\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long post(String url, String path, Map<String, Object> body) {
        return ((Number) given().baseUri(url).contentType(ContentType.JSON).body(body).post(path).then()
                .statusCode(201).extract().path("id")).longValue();
    }

    private static Path logs() {
        return root.resolve("system-tests/target/suite-logs/crash-" + System.nanoTime());
    }
}
