package io.pbxhub.billing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The request bodies of docs/billing.md sections 3 and 5, read from the guide itself and sent to the service, so the
 * examples there keep working.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class BillingGuideExamplesTest {

    private static final Path GUIDE = Path.of("..", "docs", "billing.md");

    @Inject
    DataSource dataSource;

    @Test
    void theRateDeckCsvOfTheGuideLoads() throws Exception {
        Matcher csv = Pattern.compile("cat > rates.csv <<'CSV'\n(.*?)\nCSV\n", Pattern.DOTALL).matcher(guide());
        assertThat(csv.find()).as("the CSV example in docs/billing.md").isTrue();
        String deck = "guide-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c
                        .prepareStatement("INSERT INTO rate_deck (id, name, currency) VALUES (?, 'Guide', 'AUD')")) {
            s.setString(1, deck);
            s.executeUpdate();
        }
        given().contentType("text/csv").body((csv.group(1) + "\n").getBytes(StandardCharsets.UTF_8))
                .queryParam("mode", "merge").post("/api/v1/rate-decks/" + deck + "/entries").then().statusCode(200)
                .body("rows", equalTo(3)).body("mode", equalTo("merge"));
        given().get("/api/v1/rate-decks/" + deck + "/entries").then().body("prefix", contains("1800", "61", "612"))
                .body("min_duration", contains(0, 0, 120));
    }

    @Test
    void theTopUpAndAdjustmentOfTheGuideBook() throws Exception {
        String guide = guide();
        long product = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Guide", "currency", "AUD", "special_number_billing", true, "real_time", true))
                .post("/api/v1/products").then().statusCode(201).extract().jsonPath().getLong("id");
        long account = given().contentType(ContentType.JSON)
                .body(Map.of("tenant_id", "guide-" + UUID.randomUUID(), "name", "Guide", "product_id", product,
                        "balance", "20.00"))
                .post("/api/v1/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(body(guide, "top-ups"))
                .post("/api/v1/accounts/" + account + "/top-ups").then().statusCode(201)
                .body("balance_after", equalTo("45.000000"));
        given().contentType(ContentType.JSON).body(body(guide, "adjustments"))
                .post("/api/v1/accounts/" + account + "/adjustments").then().statusCode(201)
                .body("balance_after", equalTo("42.500000"));
    }

    private static String guide() throws Exception {
        return Files.readString(GUIDE);
    }

    /** The JSON of the {@code -d '…'} that follows the curl to {@code /accounts/1/<route>} in the guide. */
    private static String body(String guide, String route) {
        Matcher m = Pattern.compile("accounts/1/" + route + " [^\n]*\n\\s*-d '([^']*)'").matcher(guide);
        assertThat(m.find()).as("the %s example in docs/billing.md", route).isTrue();
        return m.group(1);
    }
}
