package io.pbxhub.instance;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs last. Every secret the tests of this module send contains {@link Fixtures#SECRET_MARKER}; none may appear in any
 * API response, log line or topic record the whole run produced.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class NoSecretLeakTest {

    @Test
    void noSecretInAnyResponseLogLineOrTopicRecord() {
        // Make sure this run has handled secrets at least once, whatever ran before.
        String id = Fixtures.create(Fixtures.unreachableInstance("Leak check " + UUID.randomUUID()));
        given().get("/api/v1/instances/" + id).then().statusCode(200);
        given().post("/api/v1/instances/" + id + "/test").then().statusCode(200);

        List<String> records;
        try (KafkaCompanion kafka = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            var consumer = kafka.consumeStrings().fromTopics("instance-events", "instance-status");
            records = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> consumer.getRecords().stream().map(ConsumerRecord::value).toList(),
                            values -> values.stream().anyMatch(v -> v.contains(id)));
            consumer.stop();
        }

        assertThat(LeakRecorder.RESPONSES).as("responses captured").hasSizeGreaterThan(3);
        assertThat(LeakRecorder.LOG_LINES).as("log lines captured").isNotEmpty();
        assertThat(LeakRecorder.RESPONSES).noneMatch(r -> r.contains(Fixtures.SECRET_MARKER));
        assertThat(LeakRecorder.LOG_LINES).noneMatch(l -> l.contains(Fixtures.SECRET_MARKER));
        assertThat(records).noneMatch(r -> r.contains(Fixtures.SECRET_MARKER));
    }
}
