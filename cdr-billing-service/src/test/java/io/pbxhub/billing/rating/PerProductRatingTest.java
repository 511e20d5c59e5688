package io.pbxhub.billing.rating;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import io.restassured.response.ValidatableResponse;

import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Standard (non special-rate) products each rate on their own deck with their own increments, minimum duration,
 * charge scale and rounding mode, exactly as docs/billing.md "Standard tariffs" works the example through:
 * <ul>
 * <li>Deck A, prefix 61: 0.055/min, connect fee 0.10, 30/6, no minimum. 67 s bills 30 + 7 × 6 = 72 s;
 * 0.10 + 72 × 0.055 / 60 = 0.166.</li>
 * <li>Deck B, prefix 61: 0.0333/min, no fee, 60/60, minimum 120 s. 67 s bills 120 s; 120 × 0.0333 / 60 = 0.0666.</li>
 * </ul>
 * Product A1 (deck A, 2 places HALF_UP) charges 0.17, A2 (deck A, 2 places DOWN) 0.16, B (deck B, 3 places DOWN)
 * 0.066, B6 (deck B, the default 6 places HALF_UP) 0.066600.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class PerProductRatingTest {

    private static final String NUMBER = "61299990000";

    @Inject
    DataSource dataSource;

    @Test
    void theSameCallCostsWhatEachProductsDeckIncrementsMinimumAndRoundingSay() {
        String deckA = deck("61,0.055,0.10,30/6,0\n");
        String deckB = deck("61,0.0333,0,60/60,120\n");
        long a1 = product(deckA, "HALF_UP", 2);
        long a2 = product(deckA, "DOWN", 2);
        long b = product(deckB, "DOWN", 3);
        long b6 = product(deckB, null, null);

        simulate(a1, 67).body("billed_seconds", equalTo(72)).body("charge", equalTo("0.17"))
                .body("matched_prefix", equalTo("61")).body("currency", equalTo("EUR"))
                .body("trace", hasItem("Per Minute Rate: EUR 0.055, Connect Fee: EUR 0.10, Increments: 30/6,"
                        + " Minimum: 0 s"))
                .body("trace", hasItem("Billed Seconds: 72"));
        simulate(a2, 67).body("billed_seconds", equalTo(72)).body("charge", equalTo("0.16"));
        simulate(b, 67).body("billed_seconds", equalTo(120)).body("charge", equalTo("0.066"))
                .body("trace", hasItem("Per Minute Rate: EUR 0.0333, Connect Fee: EUR 0.00, Increments: 60/60,"
                        + " Minimum: 120 s"));
        simulate(b6, 67).body("charge", equalTo("0.066600"));

        // the increments and minimum at their edges
        simulate(a1, 30).body("billed_seconds", equalTo(30)).body("charge", equalTo("0.13")); // 0.1275
        simulate(a1, 31).body("billed_seconds", equalTo(36)).body("charge", equalTo("0.13")); // 0.133
        simulate(b, 121).body("billed_seconds", equalTo(180)).body("charge", equalTo("0.099")); // 0.0999
        simulate(b, 0).body("billed_seconds", equalTo(0)).body("charge", equalTo("0.000000"))
                .body("matched_by", equalTo("NOT_BILLABLE"));
    }

    @Test
    void aDestinationOnTheGlobalExcludeListIsNotChargedEvenWhenTheDeckPricesIt() {
        given().contentType(ContentType.JSON).body(List.of("1300", "1800", "13")).put("/api/v1/rating/excludes")
                .then().statusCode(200);
        long product = product(deck("1300,0.50,0.20,60/60,0\n"), "HALF_UP", 2);
        given().contentType(ContentType.JSON)
                .body(Map.of("number", "1300123456", "direction", "OUTBOUND", "duration", 90, "product_id", product))
                .post("/api/v1/rating/simulate").then().statusCode(200).body("matched_by", equalTo("EXCLUDED"))
                .body("matched_prefix", equalTo("1300")).body("billed_seconds", equalTo(0))
                .body("charge", equalTo("0.000000"))
                .body("trace", hasItem("Global exclude: 1300 - EXCLUDED")).body("trace", hasItem("Charge: EUR 0.00"));
    }

    @Test
    void storedCdrsOfTwoAccountsOnDifferentProductsKeepTheirOwnCharges() {
        String deckA = deck("61,0.055,0.10,30/6,0\n");
        String deckB = deck("61,0.0333,0,60/60,120\n");
        String tenant = "t-" + UUID.randomUUID();
        account(tenant, product(deckA, "HALF_UP", 2), "5101");
        account(tenant, product(deckB, "DOWN", 3), "5102");
        UUID instance = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> onA = from(cdr(instance, "OUTBOUND", NUMBER, 67, start), tenant, "5101");
        Map<String, Object> onB = from(cdr(instance, "OUTBOUND", NUMBER, 67, start), tenant, "5102");
        produce((String) onA.get("cdrUuid"), json(onA));
        produce((String) onB.get("cdrUuid"), json(onB));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            // stored with the column's 6 places: the value is the product's rounded charge
            given().get(path(onA)).then().statusCode(200).body("charge", equalTo("0.170000"))
                    .body("billed_seconds", equalTo(72));
            given().get(path(onB)).then().statusCode(200).body("charge", equalTo("0.066000"))
                    .body("billed_seconds", equalTo(120));
        });
    }

    private static ValidatableResponse simulate(long product, long duration) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("number", NUMBER, "direction", "OUTBOUND", "duration", duration, "product_id", product))
                .post("/api/v1/rating/simulate").then().statusCode(200);
    }

    private String deck(String csv) {
        String id = "pp-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO rate_deck (id, name, currency) VALUES (?, 'Per product test', 'EUR')")) {
            s.setString(1, id);
            s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/rate-decks/" + id + "/entries").then().statusCode(200);
        return id;
    }

    private static long product(String deck, String rounding, Integer scale) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Standard " + deck, "currency", "EUR",
                "deck_id", deck));
        if (rounding != null) {
            body.put("rounding_mode", rounding);
        }
        if (scale != null) {
            body.put("charge_scale", scale);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/products").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static void account(String tenant, long product, String extension) {
        given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Acme " + extension,
                "product_id", product, "extensions", List.of(extension))).post("/api/v1/accounts").then()
                .statusCode(201);
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
