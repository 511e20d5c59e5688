package io.pbxhub.instance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class InstanceEditTest {

    @Test
    @SuppressWarnings("unchecked")
    void editingConnectionSettingsAdvisesARetestAndIsPublished() {
        String name = "Editable " + UUID.randomUUID();
        Map<String, Object> body = Fixtures.unreachableInstance(name);
        String id = Fixtures.create(body);

        Map<String, Object> moved = new HashMap<>(body);
        Map<String, Object> esl = new HashMap<>((Map<String, Object>) body.get("esl"));
        esl.put("port", 8022);
        esl.remove("password");
        moved.put("esl", esl);
        given().contentType(ContentType.JSON).body(moved).put("/api/v1/instances/" + id)
                .then().log().ifValidationFails().statusCode(200)
                .body("retest_advised", equalTo(true))
                .body("esl.port", equalTo(8022))
                .body("esl.password_set", equalTo(true))
                .body("version", equalTo(1));

        Map<String, Object> renamed = new HashMap<>(moved);
        renamed.put("name", name + " (HQ)");
        given().contentType(ContentType.JSON).body(renamed).put("/api/v1/instances/" + id)
                .then().statusCode(200)
                .body("retest_advised", equalTo(false))
                .body("name", equalTo(name + " (HQ)"))
                .body(not(containsString(Fixtures.SECRET_MARKER)));

        try (KafkaCompanion kafka = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            var consumer = kafka.consumeStrings().fromTopics("instance-events");
            List<String> changes = await().atMost(Duration.ofSeconds(20)).until(
                    () -> consumer.getRecords().stream().filter(r -> id.equals(r.key())).map(ConsumerRecord::value)
                            .toList(),
                    values -> values.size() >= 3);
            consumer.stop();
            assertThat(changes.get(0)).contains("\"change\":\"CREATED\"", "\"version\":0");
            assertThat(changes.get(1)).contains("\"change\":\"UPDATED\"", "\"eslPort\":8022", "\"version\":1");
            assertThat(changes.get(2)).contains("\"change\":\"UPDATED\"", "(HQ)");
            assertThat(changes).noneMatch(v -> v.contains(Fixtures.SECRET_MARKER));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyChangeOfAnInstanceIsAuditedWithoutSecrets() {
        Map<String, Object> body = Fixtures.unreachableInstance("Audited " + UUID.randomUUID());
        String id = Fixtures.create(body);
        Map<String, Object> renamed = new HashMap<>(body);
        renamed.put("name", "Audited renamed " + UUID.randomUUID());
        given().header("X-PbxHub-Principal", "ops@example.com").contentType(ContentType.JSON).body(renamed)
                .put("/api/v1/instances/" + id).then().statusCode(200);
        given().delete("/api/v1/instances/" + id).then().statusCode(204);

        String audits = given().queryParam("auditable_type", "pbx_instance").queryParam("auditable_id", id)
                .get("/api/v1/pbx3cx-audits").then().statusCode(200)
                .body("event", org.hamcrest.Matchers.containsInAnyOrder("created", "updated", "deleted"))
                .body("find { it.event == 'updated' }.actor", equalTo("ops@example.com"))
                .body("find { it.event == 'updated' }.new_values.name", equalTo(renamed.get("name")))
                .body("find { it.event == 'updated' }.old_values.name", equalTo(body.get("name")))
                .extract().asString();
        assertThat(audits).doesNotContain(Fixtures.SECRET_MARKER).doesNotContain("dev:");
    }

    @Test
    void editingUnknownOrWithBadInputChangesNothing() {
        given().contentType(ContentType.JSON).body(Fixtures.unreachableInstance("Ghost"))
                .put("/api/v1/instances/" + UUID.randomUUID()).then().statusCode(404);
        String id = Fixtures.create(Fixtures.unreachableInstance("Stable " + UUID.randomUUID()));
        Map<String, Object> bad = new HashMap<>(Fixtures.unreachableInstance("Stable"));
        bad.put("hostname", "bad host name");
        given().contentType(ContentType.JSON).body(bad).put("/api/v1/instances/" + id)
                .then().statusCode(400).body("message", containsString("hostname"));
        given().get("/api/v1/instances/" + id).then().body("version", equalTo(0));
    }
}
