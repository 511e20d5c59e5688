package io.pbxhub.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class ServiceEndpointsTest {

    @Test
    void readinessReportsTheDatabaseTheKafkaChannelsAndTheBrokerUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.keySet()",
                        hasItems("cdr-raw", "cdr-raw-dlq"))
                // cdr-rated has its own producer (RatedCdrSender), no channel: the broker check covers it
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/cdrs/{instanceId}/{cdrUuid}"))
                .body(containsString("/api/v1/rate-decks/{deckId}/entries"));
    }

    @Test
    void ratingLatencyIsExposedAsAMetric() {
        UUID instance = UUID.randomUUID();
        Map<String, Object> cdr = BillingFixtures.cdr(instance, "LOCAL", "1002", 5, Instant.now());
        BillingFixtures.produce((String) cdr.get("cdrUuid"), BillingFixtures.json(cdr));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get("/api/v1/cdrs/" + instance + "/" + cdr.get("cdrUuid")).then().statusCode(200));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pbxhub_billing_cdr_rating_seconds_count"));
    }
}
