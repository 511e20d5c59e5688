package io.pbxhub.esl;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.common.json.InstantTextSerializer;
import io.pbxhub.testsupport.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

/**
 * What operators and Kubernetes see: probes with the Kafka, database and ESL checks, metrics, the OpenAPI; and the JSON
 * set-up every record is written with.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class ServiceEndpointsTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void instantsAreWrittenByTheFastSerializerAsIsoText() throws Exception {
        assertThat(mapper.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(InstantTextSerializer.class);
        assertThat(mapper.writeValueAsString(Instant.parse("2026-11-23T20:00:00.5Z")))
                .isEqualTo("\"2026-11-23T20:00:00.500Z\"");
    }

    @Test
    void readinessCoversKafkaTheDatabaseAndTheEslConnections() {
        RestAssured.when().get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", hasItem("esl-connections"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void livenessIsUp() {
        RestAssured.when().get("/q/health/live").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"));
    }

    @Test
    void connectionGaugeIsExportedForPrometheus() {
        RestAssured.when().get("/q/metrics").then().statusCode(200)
                .body(containsString("pbxhub_esl_connections{state=\"up\"}"))
                .body(containsString("pbxhub_esl_connections{state=\"down\"}"));
    }

    @Test
    void theOpenApiDocumentNamesFieldsAsTheJsonHasThem() {
        RestAssured.given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("\"lost_events\""))
                .body(containsString("\"registered_extensions\""))
                .body(containsString("\"channel_uuid\""))
                .body(org.hamcrest.Matchers.not(containsString("\"lostEvents\"")));
    }
}
