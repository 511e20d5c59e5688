package io.pbxhub.billing.special;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.kafka;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class SpecialNumberBillingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Spec 001 "Example Configuration" (Australian Smartnumbers). */
    private static final List<Map<String, Object>> SMARTNUMBERS = List.of(
            rule("1800", 20), rule("1300", 15), rule("13", 10));

    @BeforeEach
    void specialPrefixesAreOnTheGlobalExcludeList() {
        given().contentType(ContentType.JSON).body(List.of("1300", "1800", "13")).put("/api/v1/rating/excludes")
                .then().statusCode(200);
    }

    @Test
    void theSmartnumbersExampleSimulatesToTheSpecsDebugOutput() {
        long product = product(true, false);
        given().contentType(ContentType.JSON).body(SMARTNUMBERS).put("/api/v1/products/" + product + "/special-rates")
                .then().statusCode(200).body("pattern", contains("1800", "1300", "13"))
                .body("[0].priority", equalTo(20)).body("[0].flat_rate", equalTo("0.350000"))
                .body("[0].enabled", equalTo(true));

        given().contentType(ContentType.JSON)
                .body(Map.of("number", "1300123456", "direction", "OUTBOUND", "duration", 180, "product_id", product))
                .post("/api/v1/rating/simulate").then().statusCode(200)
                .body("trace", contains("=== SPECIAL RATE CHECK ===", "Destination: 1300123456", "Direction: OUTBOUND",
                        "Checking pattern: 1800 (priority: 20) - NO MATCH",
                        "Checking pattern: 1300 (priority: 15) - MATCH!", "Billing Mode: flat_per_call",
                        "Flat Rate: $0.35", "Charge: $0.35", "==========================="))
                .body("charge", equalTo("0.35")).body("currency", equalTo("AUD"))
                .body("calltype", equalTo("SpecialRate")).body("matched_prefix", equalTo("1300"));
        given().contentType(ContentType.JSON)
                .body(Map.of("number", "131008", "direction", "OUTBOUND", "duration", 60, "product_id", product))
                .post("/api/v1/rating/simulate").then().statusCode(200).body("matched_prefix", equalTo("13"))
                .body("trace", hasItem("Checking pattern: 13 (priority: 10) - MATCH!"));
        given().contentType(ContentType.JSON)
                .body(Map.of("number", "0298765432", "direction", "OUTBOUND", "duration", 60, "product_id", product))
                .post("/api/v1/rating/simulate").then().statusCode(200).body("matched_by", equalTo("NO_SPECIAL_MATCH"))
                .body("charge", equalTo("0.00"));
    }

    @Test
    void rulesAreValidatedAndReplacingAllIsAllOrNothing() {
        long product = product(true, false);
        given().contentType(ContentType.JSON).body(SMARTNUMBERS).put("/api/v1/products/" + product + "/special-rates")
                .then().statusCode(200);
        Map<String, Object> catastrophic = Map.of("pattern", "((1+)+)+2", "pattern_type", "regex", "direction",
                "both", "billing_mode", "flat_per_call", "flat_rate", "0.10");
        given().contentType(ContentType.JSON).body(List.of(rule("1900", 5), catastrophic))
                .put("/api/v1/products/" + product + "/special-rates").then().statusCode(400)
                .body("message", containsString("rules[1].pattern")).body("status", equalTo("error"));
        given().get("/api/v1/products/" + product + "/special-rates").then().statusCode(200)
                .body("pattern", contains("1800", "1300", "13"));
        given().contentType(ContentType.JSON).body(Map.of("pattern", "13a", "pattern_type", "prefix", "direction",
                "outbound", "billing_mode", "flat_per_call")).post("/api/v1/products/" + product + "/special-rates")
                .then().statusCode(400).body("message", containsString("pattern"));
        given().contentType(ContentType.JSON).body(Map.of("pattern", "1300", "pattern_type", "glob", "direction",
                "outbound", "billing_mode", "flat_per_call")).post("/api/v1/products/" + product + "/special-rates")
                .then().statusCode(400);
        // defaults: priority 10, enabled, rates 0
        given().contentType(ContentType.JSON).body(Map.of("pattern", "13[0-9]{4}", "pattern_type", "regex",
                "direction", "both", "billing_mode", "hybrid", "flat_rate", "0.20", "per_minute_rate", "0.03"))
                .post("/api/v1/products/" + product + "/special-rates").then().statusCode(201)
                .body("priority", equalTo(10)).body("enabled", equalTo(true))
                .body("per_minute_rate", equalTo("0.030000"));
        given().get("/api/v1/products/999999999/special-rates").then().statusCode(404);
    }

    @Test
    void specialPatternsBeatTheGlobalExcludeListWhichStillFiltersStandardProducts() {
        String tenant = "t-" + UUID.randomUUID();
        long special = product(true, false);
        given().contentType(ContentType.JSON).body(SMARTNUMBERS).put("/api/v1/products/" + special + "/special-rates")
                .then().statusCode(200);
        long standard = product(false, false);
        account(tenant, special, "2001", "1.00", null);
        account(tenant, standard, "2002", "0", null);
        UUID instance = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Map<String, Object> smart = from(cdr(instance, "OUTBOUND", "1300123456", 660, start), tenant, "2001");
        Map<String, Object> ordinary = from(cdr(instance, "OUTBOUND", "0298765432", 60, start), tenant, "2001");
        Map<String, Object> excluded = from(cdr(instance, "OUTBOUND", "1300123456", 60, start), tenant, "2002");
        produce((String) smart.get("cdrUuid"), json(smart));
        produce((String) ordinary.get("cdrUuid"), json(ordinary));
        produce((String) excluded.get("cdrUuid"), json(excluded));

        await().atMost(PATIENCE).untilAsserted(() -> given().get(path(excluded)).then().statusCode(200));
        given().get(path(smart)).then().body("matched_by", equalTo("SPECIAL_RATE"))
                .body("charge", equalTo("0.350000"))
                .body("currency", equalTo("AUD"));
        given().get(path(ordinary)).then().body("matched_by", equalTo("NO_SPECIAL_MATCH"))
                .body("charge", equalTo("0.000000"));
        given().get(path(excluded)).then().body("matched_by", equalTo("EXCLUDED"))
                .body("charge", equalTo("0.000000"));
        given().get(path(smart) + "/trace").then().statusCode(200).body("calltype", equalTo("SpecialRate"))
                .body("trace", hasItem("Checking pattern: 1300 (priority: 15) - MATCH!"));
        given().get(path(excluded) + "/trace").then().statusCode(200)
                .body("trace", hasItem("Global exclude: 1300 - EXCLUDED"));
    }

    @Test
    void realTimeProductsStoreAndDeductOnlyMatchingCallsOnceAndAlertBelowTheThreshold() {
        String tenant = "t-" + UUID.randomUUID();
        long product = product(true, true);
        given().contentType(ContentType.JSON).body(SMARTNUMBERS).put("/api/v1/products/" + product + "/special-rates")
                .then().statusCode(200);
        long account = account(tenant, product, "3001", "1.00", "0.50");
        UUID instance = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> first = from(cdr(instance, "OUTBOUND", "1800111222", 120, start), tenant, "3001");
        Map<String, Object> skipped = from(cdr(instance, "OUTBOUND", "0298765432", 600, start), tenant, "3001");
        Map<String, Object> second = from(cdr(instance, "OUTBOUND", "131008", 30, start), tenant, "3001");

        try (ConsumerTask<String, String> alerts = kafka().consumeStrings().withGroupId("alerts-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics("billing-alerts")) {
            produce((String) first.get("cdrUuid"), json(first));
            produce((String) first.get("cdrUuid"), json(first));
            produce((String) skipped.get("cdrUuid"), json(skipped));
            produce((String) second.get("cdrUuid"), json(second));
            produce((String) second.get("cdrUuid"), json(second));

            await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/accounts/" + account).then()
                    .body("balance", equalTo("0.300000")));
            given().get(path(first)).then().statusCode(200).body("matched_by", equalTo("SPECIAL_RATE"));
            given().get(path(second)).then().statusCode(200).body("matched_prefix", equalTo("13"));
            given().get(path(skipped)).then().statusCode(404);
            await().atMost(PATIENCE).until(() -> alerts.getRecords().stream()
                    .anyMatch(r -> String.valueOf(account).equals(r.key())));
            assertThat(alerts.getRecords().stream().filter(r -> String.valueOf(account).equals(r.key())).toList())
                    .singleElement().satisfies(r -> {
                        assertThat(r.value()).contains("\"balance\":\"0.300000\"", "\"threshold\":\"0.500000\"",
                                "BALANCE_BELOW_THRESHOLD");
                        assertThat(new String(r.headers().lastHeader("ce_type").value()))
                                .isEqualTo("io.pbxhub.billing.alert.v1");
                    });
        }
    }

    @Test
    void accountsOwnTheirNumbersWithinATenant() {
        String tenant = "t-" + UUID.randomUUID();
        long product = product(false, false);
        long account = account(tenant, product, "4001", "0", null);
        given().get("/api/v1/accounts/" + account).then().statusCode(200).body("tenant_id", equalTo(tenant))
                .body("extensions", contains("4001")).body("numbers", contains("61299994001"))
                .body("balance", equalTo("0.000000"));
        given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Other", "product_id", product,
                "extensions", List.of("4001"))).post("/api/v1/accounts").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("tenant_id", "other-" + tenant, "name", "Other",
                "product_id", product, "extensions", List.of("4001"))).post("/api/v1/accounts").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Nobody", "product_id",
                999999999L)).post("/api/v1/accounts").then().statusCode(400)
                .body("message", containsString("product_id"));
        given().queryParam("tenant_id", tenant).get("/api/v1/accounts").then().body("$", hasSize(1));
        given().delete("/api/v1/products/" + product).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("name", "Bad", "currency", "usd"))
                .post("/api/v1/products").then().statusCode(400).body("message", containsString("currency"));
    }

    private static long product(boolean special, boolean realTime) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", "Smartnumbers", "currency", "AUD", "charge_scale", 2, "special_number_billing",
                        special, "real_time", realTime))
                .post("/api/v1/products").then().statusCode(201).body("special_number_billing", equalTo(special))
                .body("rounding_mode", equalTo("HALF_UP")).extract().jsonPath().getLong("id");
    }

    private static long account(String tenant, long product, String extension, String balance, String threshold) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("tenant_id", tenant, "name", "Acme " + extension,
                "product_id", product, "extensions", List.of(extension), "numbers", List.of("+6129999" + extension),
                "balance", balance));
        if (threshold != null) {
            body.put("low_balance_threshold", threshold);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/accounts").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> rule(String pattern, int priority) {
        return Map.of("pattern", pattern, "pattern_type", "prefix", "direction", "outbound", "billing_mode",
                "flat_per_call", "flat_rate", "0.35", "priority", priority, "rule_name", "Smartnumber " + pattern);
    }

    private static Map<String, Object> from(Map<String, Object> cdr, String tenant, String extension) {
        cdr.put("tenantId", tenant);
        cdr.put("extension", extension);
        cdr.put("callerIdNumber", extension);
        return cdr;
    }

    private static String path(Map<String, Object> cdr) {
        return "/api/v1/cdrs/" + cdr.get("instanceId") + "/" + cdr.get("cdrUuid");
    }
}
