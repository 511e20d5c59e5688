package io.pbxhub.billing.rating;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.pbxhub.billing.BillingFixtures.freshPrefix;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class RateDeckResourceTest {

    private static final String ENTRIES = "/api/v1/rate-decks/default/entries";

    @Test
    void anEntryIsCreatedWithDefaultsAndListedWithMoneyAsExactStrings() {
        String prefix = freshPrefix();
        given().contentType(ContentType.JSON).body(Map.of("prefix", prefix, "rate_per_minute", "0.0125"))
                .post(ENTRIES).then().statusCode(201)
                .body("deck_id", equalTo("default"))
                .body("prefix", equalTo(prefix))
                .body("rate_per_minute", equalTo("0.012500"))
                .body("connect_fee", equalTo("0.000000"))
                .body("first_increment", equalTo(60))
                .body("next_increment", equalTo(60))
                .body("min_duration", equalTo(0))
                .body("id", notNullValue());

        // A JSON number is read as an exact decimal, not through a double (0.1 has no exact double).
        String numeric = freshPrefix();
        given().contentType(ContentType.JSON)
                .body("{\"prefix\":\"" + numeric + "\",\"rate_per_minute\":0.1,\"connect_fee\":123456.000001,"
                        + "\"first_increment\":30,\"next_increment\":6,\"min_duration\":10}")
                .post(ENTRIES).then().statusCode(201)
                .body("rate_per_minute", equalTo("0.100000"))
                .body("connect_fee", equalTo("123456.000001"));

        List<Map<String, Object>> entries = given().get(ENTRIES).then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertThat(entries).filteredOn(e -> prefix.equals(e.get("prefix"))).singleElement()
                .satisfies(e -> assertThat(e.get("rate_per_minute")).isEqualTo("0.012500"));
        assertThat(entries).filteredOn(e -> numeric.equals(e.get("prefix"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("connect_fee", "123456.000001")
                        .containsEntry("first_increment", 30).containsEntry("next_increment", 6)
                        .containsEntry("min_duration", 10));
    }

    @Test
    void aPrefixAlreadyInTheDeckIsAConflict() {
        String prefix = freshPrefix();
        Map<String, Object> body = Map.of("prefix", prefix, "rate_per_minute", "0.02");
        given().contentType(ContentType.JSON).body(body).post(ENTRIES).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("prefix", prefix, "rate_per_minute", "0.99")).post(ENTRIES)
                .then().statusCode(409)
                .body("status", equalTo("error"))
                .body("message", containsString(prefix))
                .body("timestamp", notNullValue());
        given().get(ENTRIES).then().body("findAll { it.prefix == '" + prefix + "' }.rate_per_minute",
                equalTo(List.of("0.020000")));
    }

    @Test
    void anUnknownDeckIsNotFound() {
        given().contentType(ContentType.JSON).body(Map.of("prefix", freshPrefix(), "rate_per_minute", "0.02"))
                .post("/api/v1/rate-decks/no-such-deck/entries").then().statusCode(404)
                .body("status", equalTo("error")).body("message", containsString("no-such-deck"));
        given().get("/api/v1/rate-decks/no-such-deck/entries").then().statusCode(404)
                .body("status", equalTo("error"));
    }

    static Stream<Arguments> invalidEntries() {
        String ok = "\"rate_per_minute\":\"0.01\"";
        return Stream.of(
                Arguments.of("{\"prefix\":\"12a4\"," + ok + "}", "prefix"),
                Arguments.of("{\"prefix\":\"+4420\"," + ok + "}", "prefix"),
                Arguments.of("{\"prefix\":\"\"," + ok + "}", "prefix"),
                Arguments.of("{\"prefix\":\"123456789012345678901\"," + ok + "}", "prefix"),
                Arguments.of("{\"prefix\":\" 4420\"," + ok + "}", "prefix"),
                Arguments.of("{" + ok + "}", "prefix"),
                Arguments.of("{\"prefix\":\"%s\"}", "rate_per_minute"),
                Arguments.of("{\"prefix\":\"%s\",\"rate_per_minute\":\"-0.01\"}", "rate_per_minute"),
                Arguments.of("{\"prefix\":\"%s\",\"rate_per_minute\":\"0.0000001\"}", "rate_per_minute"),
                Arguments.of("{\"prefix\":\"%s\",\"rate_per_minute\":1234567}", "rate_per_minute"),
                Arguments.of("{\"prefix\":\"%s\",\"rate_per_minute\":\"cheap\"}", "rate_per_minute"),
                Arguments.of("{\"prefix\":\"%s\"," + ok + ",\"connect_fee\":\"-1\"}", "connect_fee"),
                Arguments.of("{\"prefix\":\"%s\"," + ok + ",\"first_increment\":0}", "first_increment"),
                Arguments.of("{\"prefix\":\"%s\"," + ok + ",\"next_increment\":3601}", "next_increment"),
                Arguments.of("{\"prefix\":\"%s\"," + ok + ",\"next_increment\":\"sixty\"}", "next_increment"),
                Arguments.of("{\"prefix\":\"%s\"," + ok + ",\"min_duration\":-1}", "min_duration"));
    }

    @ParameterizedTest
    @MethodSource("invalidEntries")
    void invalidEntriesAreRefusedNamingTheFieldAndNothingIsStored(String template, String field) {
        String prefix = freshPrefix();
        int before = entryCount();
        given().contentType(ContentType.JSON).body(template.formatted(prefix)).post(ENTRIES).then().statusCode(400)
                .body("status", equalTo("error"))
                .body("message", containsString(field))
                .body("timestamp", notNullValue());
        assertThat(entryCount()).isEqualTo(before);
        given().get(ENTRIES).then().body("prefix", not(hasItem(prefix)));
    }

    @Test
    void aBodyThatIsNotAnEntryIsABadRequest() {
        for (String body : new String[]{"not json", "null", "[]", "{\"prefix\":"}) {
            given().contentType(ContentType.JSON).body(body).post(ENTRIES).then().statusCode(400)
                    .body("status", equalTo("error")).body("message", notNullValue());
        }
    }

    @Test
    void sqlInAPrefixOrDeckIdIsRefusedAndNothingIsWritten() {
        int before = entryCount();
        given().contentType(ContentType.JSON)
                .body(Map.of("prefix", "44'; DROP TABLE rate_deck_entry; --", "rate_per_minute", "0.01"))
                .post(ENTRIES).then().statusCode(400)
                .body("status", equalTo("error")).body("message", containsString("prefix"));
        given().contentType(ContentType.JSON).body(Map.of("prefix", "44 OR 1=1", "rate_per_minute", "0.01"))
                .post(ENTRIES).then().statusCode(400).body("message", containsString("prefix"));
        given().contentType(ContentType.JSON).body(Map.of("prefix", freshPrefix(), "rate_per_minute", "0.01"))
                .post("/api/v1/rate-decks/default' OR '1'='1/entries").then().statusCode(404)
                .body("status", equalTo("error"));
        assertThat(entryCount()).isEqualTo(before);
    }

    private static int entryCount() {
        return given().get(ENTRIES).then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
