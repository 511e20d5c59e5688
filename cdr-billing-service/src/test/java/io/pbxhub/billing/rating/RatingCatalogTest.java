package io.pbxhub.billing.rating;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The compiled rating cache: rating reads products and rules from memory, a change made through this replica applies
 * at once, and a change made behind its back (another replica, or SQL) applies after the revision check.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class RatingCatalogTest {

    @Inject
    RatingCatalog catalog;

    @Inject
    DataSource dataSource;

    @Test
    void aRuleChangedThroughThisReplicaRatesAtOnce() {
        long product = specialProduct();
        putRules(product, List.of(rule("1300", "0.35", 15)));
        simulate(product, "1300123456").body("charge", equalTo("0.35"));

        putRules(product, List.of(rule("1300", "0.50", 15)));
        simulate(product, "1300123456").body("charge", equalTo("0.50"));

        given().contentType(ContentType.JSON).body(Map.of("pattern", "130012", "pattern_type", "prefix", "direction",
                "outbound", "billing_mode", "flat_per_call", "flat_rate", "0.90", "priority", 30))
                .post("/api/v1/products/" + product + "/special-rates").then().statusCode(201);
        simulate(product, "1300123456").body("charge", equalTo("0.90")).body("matched_prefix", equalTo("130012"));
    }

    @Test
    void aRuleChangedBehindThisReplicasBackRatesAfterTheRevisionCheck() throws Exception {
        long product = specialProduct();
        putRules(product, List.of(rule("1800", "0.35", 20)));
        simulate(product, "1800123456").body("charge", equalTo("0.35"));
        // What another replica's REST call leaves behind: the new rate and a moved revision, but no event in this JVM.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection
                        .prepareStatement("UPDATE special_rate_rule SET flat_rate = 0.75 WHERE product_id = ?");
                Statement bump = connection.createStatement()) {
            update.setLong(1, product);
            update.executeUpdate();
            bump.executeUpdate("UPDATE rating_revision SET revision = revision + 1");
        }
        simulate(product, "1800123456").body("charge", equalTo("0.35"));

        catalog.checkRevision();

        simulate(product, "1800123456").body("charge", equalTo("0.75"));
    }

    @Test
    void aProductSwitchedToStandardTariffsRatesOnItsDeckAtOnce() {
        long product = specialProduct();
        putRules(product, List.of(rule("1800", "0.35", 20)));
        simulate(product, "1800123456").body("calltype", equalTo("SpecialRate"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Now standard", "currency", "AUD", "charge_scale", 2,
                "special_number_billing", false)).put("/api/v1/products/" + product).then().statusCode(200);
        simulate(product, "1800123456").body("calltype", equalTo("Standard"));
    }

    private static ValidatableResponse simulate(long product, String number) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("number", number, "direction", "OUTBOUND", "duration", 60, "product_id", product))
                .post("/api/v1/rating/simulate").then().statusCode(200);
    }

    private static long specialProduct() {
        return given().contentType(ContentType.JSON).body(Map.of("name", "Cache test", "currency", "AUD",
                "charge_scale", 2, "special_number_billing", true)).post("/api/v1/products").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static void putRules(long product, List<Map<String, Object>> rules) {
        given().contentType(ContentType.JSON).body(rules).put("/api/v1/products/" + product + "/special-rates").then()
                .statusCode(200);
    }

    private static Map<String, Object> rule(String pattern, String flatRate, int priority) {
        return Map.of("pattern", pattern, "pattern_type", "prefix", "direction", "outbound", "billing_mode",
                "flat_per_call", "flat_rate", flatRate, "priority", priority);
    }
}
