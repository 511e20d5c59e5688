package io.pbxhub.billing.rerate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class RerateTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void afterARuleChangeRerateRepricesReportsTheDifferencesAndASecondRunChangesNothing() {
        String tenant = "t-" + UUID.randomUUID();
        long product = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Smartnumbers", "currency", "AUD", "special_number_billing", true))
                .post("/api/v1/products").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(List.of(rule("0.35"))).put("/api/v1/products/" + product
                + "/special-rates").then().statusCode(200);
        long account = given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Acme",
                "product_id", product, "extensions", List.of("6001"))).post("/api/v1/accounts").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        UUID instance = UUID.randomUUID();
        Map<String, Object> smart = of(cdr(instance, "OUTBOUND", "1300123456", 90,
                Instant.parse("2026-03-05T10:00:00Z")), tenant);
        Map<String, Object> other = of(cdr(instance, "OUTBOUND", "0298765432", 90,
                Instant.parse("2026-03-06T10:00:00Z")), tenant);
        produce((String) smart.get("cdrUuid"), json(smart));
        produce((String) other.get("cdrUuid"), json(other));
        String smartPath = "/api/v1/cdrs/" + instance + "/" + smart.get("cdrUuid");
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cdrs/" + instance + "/"
                + other.get("cdrUuid")).then().statusCode(200));
        given().get(smartPath).then().body("charge", equalTo("0.350000"));

        given().contentType(ContentType.JSON).body(List.of(rule("0.50"))).put("/api/v1/products/" + product
                + "/special-rates").then().statusCode(200);
        Map<String, Object> march = Map.of("account_id", account, "period_start", "2026-03-01", "period_end",
                "2026-03-31");
        given().contentType(ContentType.JSON).body(march).post("/api/v1/rerate").then().statusCode(200)
                .body("cdrs_checked", equalTo(2)).body("cdrs_changed", equalTo(1))
                .body("differences[0].cdr_uuid", equalTo(smart.get("cdrUuid")))
                .body("differences[0].charge_before", equalTo("0.350000"))
                .body("differences[0].charge_after", equalTo("0.500000"))
                .body("total_before", equalTo("0.350000")).body("total_after", equalTo("0.500000"))
                .body("difference", equalTo("0.150000"));
        given().get(smartPath).then().body("charge", equalTo("0.500000"));
        given().get(smartPath + "/trace").then().body("trace", org.hamcrest.Matchers.hasItem("Flat Rate: $0.50"));

        given().contentType(ContentType.JSON).body(march).post("/api/v1/rerate").then().statusCode(200)
                .body("cdrs_checked", equalTo(2)).body("cdrs_changed", equalTo(0)).body("differences", empty())
                .body("difference", equalTo("0.000000"));
        given().contentType(ContentType.JSON).body(Map.of("account_id", account, "period_start", "2026-03-31",
                "period_end", "2026-03-01")).post("/api/v1/rerate").then().statusCode(400)
                .body("message", containsString("period_end"));
    }

    private static Map<String, Object> rule(String flat) {
        return Map.of("pattern", "1300", "pattern_type", "prefix", "direction", "outbound", "billing_mode",
                "flat_per_call", "flat_rate", flat, "priority", 15);
    }

    private static Map<String, Object> of(Map<String, Object> cdr, String tenant) {
        Map<String, Object> c = new java.util.HashMap<>(cdr);
        c.put("tenantId", tenant);
        c.put("extension", "6001");
        c.put("callerIdNumber", "6001");
        return c;
    }
}
