package io.pbxhub.instance.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pbxhub.instance.Fixtures;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.fusionpbx.FusionPbxDatabase;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class StatusMonitorTest {

    static final String ESL_PASSWORD = Fixtures.secret();
    static EslSimulator simulator;
    static FusionPbxDatabase fusion;

    @Inject
    StatusMonitor monitor;

    @BeforeAll
    static void peers() {
        simulator = EslSimulator.start(EslSimulator.Options.defaults().password(ESL_PASSWORD));
        fusion = FusionPbxDatabase.create("fusionpbx_monitor_test");
        fusion.addDomain("monitor.example.com");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    static KafkaCompanion kafka() {
        return new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMonitorRecordsStatusChangesKeepsHistoryAndPublishesThem() {
        Map<String, Object> body = Fixtures.instance("Monitored " + UUID.randomUUID(), fusion.host(), fusion.port(),
                fusion.name(), fusion.user(), fusion.password(), simulator.host(), simulator.port(), ESL_PASSWORD);
        String id = Fixtures.create(body);
        given().get("/api/v1/instances/" + id).then().body("status.state", equalTo("UNKNOWN"));

        assertThat(monitor.checkAll()).isGreaterThanOrEqualTo(1);
        given().get("/api/v1/instances/" + id).then()
                .body("status.state", equalTo("CONNECTED"))
                .body("status.text", equalTo("Connected"))
                .body("status.checked_at", notNullValue());

        Map<String, Object> broken = new HashMap<>(body);
        Map<String, Object> esl = new HashMap<>((Map<String, Object>) body.get("esl"));
        esl.put("password", "not-the-password");
        broken.put("esl", esl);
        given().contentType(ContentType.JSON).body(broken).put("/api/v1/instances/" + id).then().statusCode(200);
        monitor.checkAll();
        monitor.checkAll(); // no change: no new history entry
        given().get("/api/v1/instances/" + id + "/status").then().statusCode(200)
                .body("current.state", equalTo("ESL_DOWN"))
                .body("current.text", equalTo("Database OK, ESL Down"))
                .body("current.esl_result", equalTo("BAD_CREDENTIALS"))
                .body("history", hasSize(2))
                .body("history[0].state", equalTo("ESL_DOWN"))
                .body("history[1].state", equalTo("CONNECTED"));

        try (KafkaCompanion kafka = kafka()) {
            var consumer = kafka.consumeStrings().fromTopics("instance-status");
            List<String> published = await().atMost(Duration.ofSeconds(20)).until(
                    () -> consumer.getRecords().stream().filter(r -> id.equals(r.key()))
                            .map(ConsumerRecord::value).toList(),
                    values -> values.size() >= 2);
            consumer.stop();
            assertThat(published.get(0)).contains("\"esl\":\"UP\"", "\"database\":\"UP\"",
                    "\"reporter\":\"instance-service\"");
            assertThat(published.get(1)).contains("\"esl\":\"DOWN\"", "\"database\":\"UP\"");
        }
    }

    @Test
    void liveEslStateFromEslIngestIsShownBesideTheProbe() {
        String id = Fixtures.create(Fixtures.unreachableInstance("Live " + UUID.randomUUID()));
        String live = """
                {"instanceId":"%s","database":"UNKNOWN","esl":"DOWN","reason":"connection reset by peer",
                 "reporter":"esl-ingest-service","checkedAt":"%s"}""".formatted(id, Instant.now());
        try (KafkaCompanion kafka = kafka()) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>("instance-status", id, "{broken json"),
                    new ProducerRecord<>("instance-status", id, live)).awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/v1/instances/" + id).then()
                .body("status.esl_live", equalTo("DOWN"))
                .body("status.esl_live_reason", equalTo("connection reset by peer")));
    }
}
