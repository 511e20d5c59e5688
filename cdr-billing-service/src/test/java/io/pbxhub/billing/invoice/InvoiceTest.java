package io.pbxhub.billing.invoice;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class InvoiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Test
    void theSpecsInvoiceExampleIsIssuedLineForLineAndTheClientViewShowsOnlyMatchingCalls() {
        String tenant = "t-" + UUID.randomUUID();
        long product = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Smartnumbers", "currency", "AUD", "special_number_billing", true))
                .post("/api/v1/products").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(List.of(rule("1800", 20), rule("1300", 15), rule("13", 10)))
                .put("/api/v1/products/" + product + "/special-rates").then().statusCode(200);
        long account = given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Acme",
                "product_id", product, "extensions", List.of("5001"))).post("/api/v1/accounts").then()
                .statusCode(201).extract().jsonPath().getLong("id");

        // Spec 001: 4 calls to 1300 numbers, 11 min; 1 to 1800, 5.7 min; 1 to 13, 4.1 min; plus one that matches none
        // and one outside the period, late CDRs all of them.
        UUID instance = UUID.randomUUID();
        Instant inPeriod = Instant.parse("2026-01-10T09:00:00Z");
        List<Map<String, Object>> cdrs = new ArrayList<>();
        for (long billsec : new long[]{120, 180, 200, 160}) {
            cdrs.add(of(cdr(instance, "OUTBOUND", "1300" + (100000 + billsec), billsec, inPeriod), tenant));
        }
        cdrs.add(of(cdr(instance, "OUTBOUND", "1800123456", 342, inPeriod), tenant));
        cdrs.add(of(cdr(instance, "OUTBOUND", "132221", 246, inPeriod), tenant));
        cdrs.add(of(cdr(instance, "OUTBOUND", "0298765432", 600, inPeriod), tenant));
        cdrs.add(of(cdr(instance, "OUTBOUND", "1300999999", 60, Instant.parse("2026-01-30T00:00:00Z")), tenant));
        cdrs.forEach(c -> produce((String) c.get("cdrUuid"), json(c)));
        Map<String, Object> last = cdrs.get(cdrs.size() - 1);
        await().atMost(PATIENCE).untilAsserted(() -> given()
                .get("/api/v1/cdrs/" + instance + "/" + last.get("cdrUuid")).then().statusCode(200));

        given().get("/api/v1/accounts/" + account + "/cdrs").then().statusCode(200).body("total", equalTo(7))
                .body("items.matched_by", everyItem(equalTo("SPECIAL_RATE")));

        long invoice = given().contentType(ContentType.JSON)
                .body(Map.of("account_id", account, "period_start", "2025-12-29", "period_end", "2026-01-29"))
                .post("/api/v1/invoices").then().statusCode(201)
                .body("special_heading", equalTo("Special Rate Calls (29/12/2025 to 29/01/2026)"))
                .body("lines.description", contains("[OUTBOUND] 1300* (flat_per_call): 4 calls, 11 min, $1.40",
                        "[OUTBOUND] 1800* (flat_per_call): 1 calls, 5.7 min, $0.35",
                        "[OUTBOUND] 13* (flat_per_call): 1 calls, 4.1 min, $0.35"))
                .body("total", equalTo("2.10")).body("special_total", equalTo("2.10"))
                .body("standard_total", equalTo("0.00")).body("currency", equalTo("AUD"))
                .extract().jsonPath().getLong("id");

        given().get("/api/v1/invoices/" + invoice).then().statusCode(200).body("lines[0].amount", equalTo("1.40"))
                .body("lines[0].calls", equalTo(4)).body("lines[0].minutes", equalTo("11"));
        String csv = given().accept("text/csv").get("/api/v1/invoices/" + invoice).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "line_no,kind,direction,pattern,billing_mode,calls,minutes,amount,currency,description",
                "1,SPECIAL_RATE,OUTBOUND,\"1300*\",flat_per_call,4,11,1.40,AUD,"
                        + "\"[OUTBOUND] 1300* (flat_per_call): 4 calls, 11 min, $1.40\"",
                "2,SPECIAL_RATE,OUTBOUND,\"1800*\",flat_per_call,1,5.7,0.35,AUD,"
                        + "\"[OUTBOUND] 1800* (flat_per_call): 1 calls, 5.7 min, $0.35\"",
                "3,SPECIAL_RATE,OUTBOUND,\"13*\",flat_per_call,1,4.1,0.35,AUD,"
                        + "\"[OUTBOUND] 13* (flat_per_call): 1 calls, 4.1 min, $0.35\"",
                ",TOTAL,,,,,,2.10,AUD,");
    }

    @Test
    void anIssuedInvoiceCannotBeChangedEvenInTheDatabase() throws SQLException {
        String tenant = "t-" + UUID.randomUUID();
        long product = given().contentType(ContentType.JSON).body(Map.of("name", "Plain", "currency", "USD"))
                .post("/api/v1/products").then().statusCode(201).extract().jsonPath().getLong("id");
        long account = given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Empty",
                "product_id", product)).post("/api/v1/accounts").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        long invoice = given().contentType(ContentType.JSON)
                .body(Map.of("account_id", account, "period_start", "2026-01-01", "period_end", "2026-01-31"))
                .post("/api/v1/invoices").then().statusCode(201).body("total", equalTo("0.00"))
                .body("lines", org.hamcrest.Matchers.empty()).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of()).put("/api/v1/invoices/" + invoice).then()
                .statusCode(405);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE invoice SET total = 0 WHERE id = " + invoice))
                    .hasMessageContaining("immutable");
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("account_id", account, "period_start", "2026-02-01", "period_end", "2026-01-31"))
                .post("/api/v1/invoices").then().statusCode(400).body("message", containsString("period_end"));
        given().get("/api/v1/invoices/999999999").then().statusCode(404);
    }

    private static Map<String, Object> rule(String pattern, int priority) {
        return Map.of("pattern", pattern, "pattern_type", "prefix", "direction", "outbound", "billing_mode",
                "flat_per_call", "flat_rate", "0.35", "priority", priority);
    }

    private static Map<String, Object> of(Map<String, Object> cdr, String tenant) {
        Map<String, Object> c = new HashMap<>(cdr);
        c.put("tenantId", tenant);
        c.put("extension", "5001");
        c.put("callerIdNumber", "5001");
        return c;
    }
}
