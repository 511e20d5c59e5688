package io.pbxhub.billing.rating;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class RateDeckCsvUploadTest {

    @Inject
    DataSource dataSource;

    @Inject
    RateDecks decks;

    @Test
    void aHundredThousandRowsLoadInOneRequestAndRateAtOnce() throws Exception {
        String deck = newDeck();
        StringBuilder csv = new StringBuilder("prefix,rate,connect_fee,increment\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(700_000 + i).append(",0.0").append(1 + i % 9).append(",0,30/6\n");
        }
        upload(deck, null, csv.toString()).statusCode(200).body("rows", equalTo(100_000))
                .body("mode", equalTo("merge")).body("deck_id", equalTo(deck)).body("revision", equalTo(1));

        assertThat(count(deck)).isEqualTo(100_000);
        RateDeck loaded = decks.deck(deck);
        assertThat(loaded.size()).isEqualTo(100_000);
        assertThat(loaded.match("7999991234")).hasValueSatisfying(rate -> {
            assertThat(rate.prefix()).isEqualTo("799999");
            assertThat(rate.firstIncrement()).isEqualTo(30);
            assertThat(rate.nextIncrement()).isEqualTo(6);
        });
    }

    @Test
    void incrementsMinimumDurationAndFeesAreReadAsWritten() {
        String deck = newDeck();
        upload(deck, null, "\uFEFFprefix,rate,connect_fee,increment,min_duration\r\n"
                + "61,0.02,0.05,60/60,\r\n"
                + " 612 , 0.1 , ,30/6,30\r\n"
                + "\r\n"
                + "6129,1.123456,0,1/1,0\r\n").statusCode(200).body("rows", equalTo(3));

        given().get("/api/v1/rate-decks/" + deck + "/entries").then().statusCode(200)
                .body("prefix", contains("61", "612", "6129"))
                .body("rate_per_minute", contains("0.020000", "0.100000", "1.123456"))
                .body("connect_fee", contains("0.050000", "0.000000", "0.000000"))
                .body("first_increment", contains(60, 30, 1)).body("next_increment", contains(60, 6, 1))
                .body("min_duration", contains(0, 30, 0));
    }

    @Test
    void mergeOverwritesAndKeepsTheRestWhileReplaceMakesTheDeckExactlyTheFile() {
        String deck = newDeck();
        upload(deck, null, "44,0.01,0,60/60\n49,0.02,0,60/60\n").statusCode(200);
        upload(deck, "merge", "49,0.09,0,1/1\n33,0.03,0,60/60\n").statusCode(200).body("rows", equalTo(2))
                .body("revision", equalTo(2));
        given().get("/api/v1/rate-decks/" + deck + "/entries").then()
                .body("prefix", contains("33", "44", "49"))
                .body("rate_per_minute", contains("0.030000", "0.010000", "0.090000"));

        upload(deck, "replace", "prefix,rate,connect_fee,increment\n1,0.5,0,60/60\n").statusCode(200)
                .body("mode", equalTo("replace")).body("rows", equalTo(1));
        given().get("/api/v1/rate-decks/" + deck + "/entries").then().body("prefix", contains("1"));
        assertThat(decks.deck(deck).match("4412345")).as("the replaced deck is what rating reads").isEmpty();
    }

    @Test
    void aBadLineDeepInABigFileNamesLineAndColumnAndChangesNothing() throws Exception {
        String deck = newDeck();
        upload(deck, null, "55,0.01,0,60/60\n").statusCode(200);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            csv.append(800_000 + i).append(',').append(i == 50_000 ? "abc" : "0.01").append(",0,60/60\n");
        }
        error(upload(deck, "replace", csv.toString()), 400,
                "CSV line 50001, column rate: must be a decimal of at most 6 integer and 6 fraction digits, not"
                        + " negative, got 'abc'; nothing was changed");

        assertThat(count(deck)).as("the 50,000 rows before the bad line were rolled back, the delete too")
                .isEqualTo(1);
        assertThat(revision(deck)).isEqualTo(1);
    }

    @Test
    void everyColumnIsValidatedAndSqlInAFieldIsJustABadValue() throws Exception {
        String deck = newDeck();
        error(upload(deck, null, "1'; DROP TABLE rate_deck_entry;--,0.1,0,60/60\n"), 400,
                "CSV line 1, column prefix: must be 1 to 20 digits, got '1'; DROP TABLE rate_deck_entry;--'; nothing"
                        + " was changed");
        error(upload(deck, null, "44,0.1,0,60/60\n45,1e3,0,60/60\n"), 400, "CSV line 2, column rate:");
        error(upload(deck, null, "44,-0.1,0,60/60\n"), 400, "CSV line 1, column rate:");
        error(upload(deck, null, "44,0.1234567,0,60/60\n"), 400, "CSV line 1, column rate:");
        error(upload(deck, null, "44,0.1,x,60/60\n"), 400, "CSV line 1, column connect_fee:");
        error(upload(deck, null, "44,0.1,0,0/6\n"), 400, "CSV line 1, column increment: must be first/next");
        error(upload(deck, null, "44,0.1,0,60\n"), 400, "CSV line 1, column increment:");
        error(upload(deck, null, "44,0.1,0,60/60,86401\n"), 400, "CSV line 1, column min_duration:");
        error(upload(deck, null, "44,0.1,0\n"), 400, "CSV line 1: expected 4 or 5 columns");
        error(upload(deck, null, "prefix,rate,connect_fee,increment\n44,0.1,0,60/60,5\n"), 400,
                "CSV line 2: expected 4 columns");
        error(upload(deck, null, "prefix,price,connect_fee,increment\n"), 400,
                "CSV line 1: header column 2 must be rate");
        error(upload(deck, null, "44,0.1,0,60/60\n45,0.1,0,60/60\n44,0.2,0,60/60\n"), 400,
                "CSV line 3, column prefix: 44 is already on line 1");
        error(upload(deck, "upsert", "44,0.1,0,60/60\n"), 400, "mode: must be merge or replace");
        error(upload("no-such-deck", null, "44,0.1,0,60/60\n"), 404, "no-such-deck");

        assertThat(count(deck)).isZero();
        assertThat(revision(deck)).isZero();
    }

    @Test
    void aFileOverTheBodyLimitIsRefusedWith413() {
        String deck = newDeck();
        String line = "123456789012,0.010000,0.000000,60/60\n";
        String huge = line.repeat(11 * 1024 * 1024 / line.length());
        error(upload(deck, null, huge), 413, "request body larger than");
    }

    private static ValidatableResponse upload(String deck, String mode, String csv) {
        var request = given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8));
        if (mode != null) {
            request.queryParam("mode", mode);
        }
        return request.post("/api/v1/rate-decks/" + deck + "/entries").then();
    }

    private static void error(ValidatableResponse response, int status, String message) {
        response.statusCode(status).contentType(ContentType.JSON).body("status", equalTo("error"))
                .body("message", containsString(message)).body("timestamp", notNullValue());
    }

    private String newDeck() {
        String id = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        sql("INSERT INTO rate_deck (id, name, currency) VALUES ('" + id + "', 'CSV test', 'EUR')");
        return id;
    }

    private long count(String deck) throws Exception {
        return single("SELECT count(*) FROM rate_deck_entry WHERE deck_id = ?", deck);
    }

    private long revision(String deck) throws Exception {
        return single("SELECT revision FROM rate_deck WHERE id = ?", deck);
    }

    private long single(String query, String deck) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, deck);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void sql(String statement) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
