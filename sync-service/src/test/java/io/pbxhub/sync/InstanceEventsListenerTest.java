package io.pbxhub.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_sync_test"))
class InstanceEventsListenerTest {

    static KafkaCompanion kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String event(UUID id, InstanceEvent.Change change, long version, String name) {
        return """
                {"instanceId":"%s","change":"%s","version":%d,"tenantId":"acme","name":"%s","hostname":"pbx.acme.test",
                 "pbxType":"FUSIONPBX","dbType":"postgresql","dbHost":"10.1.1.1","dbPort":5432,"dbName":"fusionpbx",
                 "occurredAt":"%s"}""".formatted(id, change, version, name, Instant.now());
    }

    void send(UUID id, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>("instance-events", id.toString(), value))
                .awaitCompletion();
    }

    @Test
    void learnsInstancesFromInstanceEventsAndIgnoresStaleOnes() {
        UUID id = UUID.randomUUID();
        send(id, event(id, InstanceEvent.Change.CREATED, 0, "Sydney PBX"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/sync/instances")
                .then().statusCode(200).body("name", hasItem("Sydney PBX")));

        send(id, event(id, InstanceEvent.Change.UPDATED, 2, "Sydney PBX v2"));
        send(id, event(id, InstanceEvent.Change.UPDATED, 1, "Stale name"));
        UUID marker = UUID.randomUUID();
        send(marker, event(marker, InstanceEvent.Change.CREATED, 0, "Marker " + marker));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/sync/instances")
                .then().body("name", hasItem("Marker " + marker)));
        given().get("/api/v1/sync/instances").then()
                .body("name", hasItem("Sydney PBX v2"))
                .body("name", not(hasItem("Stale name")));

        send(id, event(id, InstanceEvent.Change.DELETED, 3, "Sydney PBX v2"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/sync/instances")
                .then().body("name", not(hasItem("Sydney PBX v2"))));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndDoesNotBlockThePartition() {
        UUID id = UUID.randomUUID();
        send(id, "{this is not json");
        send(id, event(id, InstanceEvent.Change.CREATED, 0, "After poison " + id));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/sync/instances")
                .then().body("name", hasItem("After poison " + id)));
        var dlq = kafka.consumeStrings().fromTopics("instance-events.dlq", 1).awaitCompletion(Duration.ofSeconds(20));
        var record = dlq.getRecords().get(0);
        assertThat(record.value()).isEqualTo("{this is not json");
        assertThat(record.headers().lastHeader("dead-letter-reason")).isNotNull();
    }
}
