package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
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

import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.freshPrefix;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class RateDeckRefreshTest {

    @Inject
    RateDecks decks;

    @Inject
    DataSource dataSource;

    @Test
    void anEntryWrittenThroughAnotherReplicaIsRatedAfterTheRevisionCheck() throws Exception {
        String prefix = freshPrefix();
        decks.deck("default");
        // What another replica's REST call leaves behind: the entry and a bumped revision, but no event in this JVM.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO rate_deck_entry"
                        + " (deck_id, prefix, rate_per_minute, connect_fee, first_increment, next_increment)"
                        + " VALUES ('default', ?, 0.6, 0, 1, 1)");
                PreparedStatement bump = connection.prepareStatement(
                        "UPDATE rate_deck SET revision = revision + 1 WHERE id = 'default'")) {
            insert.setString(1, prefix);
            insert.executeUpdate();
            bump.executeUpdate();
        }
        assertThat(decks.deck("default").match(prefix + "0")).as("rating reads memory, not the table").isEmpty();

        decks.checkRevisions();

        assertThat(decks.deck("default").match(prefix + "0")).hasValueSatisfying(rate -> {
            assertThat(rate.prefix()).isEqualTo(prefix);
            assertThat(rate.ratePerMinute()).isEqualByComparingTo(new BigDecimal("0.6"));
        });
        UUID instance = UUID.randomUUID();
        Map<String, Object> cdr = cdr(instance, "OUTBOUND", prefix + "0", 10, Instant.now());
        produce((String) cdr.get("cdrUuid"), json(cdr));
        // 10 s on 1/1 at 0.60 per minute
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get("/api/v1/cdrs/" + instance + "/" + cdr.get("cdrUuid")).then().statusCode(200)
                .body("charge", equalTo("0.100000")).body("matched_prefix", equalTo(prefix)));
    }
}
