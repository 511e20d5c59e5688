package io.pbxhub.instance;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
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
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class InstanceResourceTest {

    @Inject
    AgroalDataSource dataSource;

    static final String TOKEN = "dev-internal-token";

    static Map<String, Object> instance(String name, String eslPassword) {
        return Map.of("name", name, "hostname", "pbx1.example.com", "tenant_id", "acme", "database",
                Map.of("host", "127.0.0.1", "name", "fusionpbx", "username", "fusionpbx", "password", "db-Secret-42"),
                "esl", Map.of("host", "127.0.0.1", "password", eslPassword));
    }

    @Test
    void createdInstanceShowsSettingsButNeverSecrets() {
        String name = "Main Office " + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).body(instance(name, "Esl-Secret-1")).when()
                .post("/api/v1/instances").then().statusCode(201)
                .header("Location", containsString("/api/v1/instances/")).body("name", equalTo(name))
                .body("esl.port", equalTo(8021)).body("esl.password_set", equalTo(true))
                .body("database.port", equalTo(5432)).body("database.type", equalTo("postgresql"))
                .body("database.password_set", equalTo(true)).body(not(containsString("Secret"))).extract().path("id");

        given().get("/api/v1/instances/" + id).then().statusCode(200).body("hostname", equalTo("pbx1.example.com"))
                .body(not(containsString("Secret")));
        given().get("/api/v1/instances").then().statusCode(200).body(not(containsString("Secret")));
    }

    @Test
    void secretsAreEncryptedAtRest() throws Exception {
        String id = given().contentType(ContentType.JSON).body(instance("Vault " + UUID.randomUUID(), "Esl-Secret-2"))
                .post("/api/v1/instances").then().statusCode(201).extract().path("id");
        try (var c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select esl_password_enc, db_password_enc from pbx_instance where id = '"
                        + UUID.fromString(id) + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("dev:").doesNotContain("Esl-Secret-2");
            assertThat(rs.getString(2)).startsWith("dev:").doesNotContain("db-Secret-42");
        }
    }

    @Test
    void creationIsPublishedOnInstanceEventsWithoutSecrets() {
        String name = "Branch " + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON).body(instance(name, "Esl-Secret-3")).post("/api/v1/instances")
                .then().statusCode(201).extract().path("id");

        try (KafkaCompanion kafka = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            var consumer = kafka.consumeStrings().fromTopics("instance-events");
            ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(20))
                    .until(() -> consumer.getRecords().stream().filter(r -> id.equals(r.key())).findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            consumer.stop();
            assertThat(record.value()).contains("\"change\":\"CREATED\"", "\"eslHost\":\"127.0.0.1\"", name)
                    .doesNotContain("Secret");
            assertThat(header(record, "ce_type")).isEqualTo("io.pbxhub.instance.changed.v1");
            assertThat(header(record, "ce_source")).isEqualTo("/instance-service");
            assertThat(header(record, "ce_id")).isNotBlank();
        }
    }

    @Test
    void internalCredentialsNeedTheServiceToken() {
        String id = given().contentType(ContentType.JSON).body(instance("Creds " + UUID.randomUUID(), "Esl-Secret-4"))
                .post("/api/v1/instances").then().statusCode(201).extract().path("id");

        given().get("/internal/v1/instances/" + id + "/credentials").then().statusCode(401)
                .body("status", equalTo("error")).body("timestamp", notNullValue());
        given().header("X-PbxHub-Service-Token", "wrong").get("/internal/v1/instances/" + id + "/credentials").then()
                .statusCode(401);
        given().header("X-PbxHub-Service-Token", TOKEN).get("/internal/v1/instances/" + id + "/credentials").then()
                .statusCode(200).body("esl_password", equalTo("Esl-Secret-4"))
                .body("db_password", equalTo("db-Secret-42"));
        given().header("X-PbxHub-Service-Token", TOKEN)
                .get("/internal/v1/instances/" + UUID.randomUUID() + "/credentials").then().statusCode(404)
                .body("status", equalTo("error"));
    }

    @Test
    void badInputIsRefusedWithTheFieldNamedAndNothingStored() {
        long before = count();
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "hostname", "'; drop table pbx_instance; --", "database",
                        Map.of("host", "db", "name", "fusionpbx", "username", "u"), "esl",
                        Map.of("host", "pbx", "port", 70000, "password", "p")))
                .post("/api/v1/instances").then().statusCode(400).body("status", equalTo("error"))
                .body("message", containsString("hostname")).body("message", containsString("port"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"esl\": {\"port\": \"eighty\"}}")
                .post("/api/v1/instances").then().statusCode(400).body("status", equalTo("error"))
                .body("message", containsString("port"));
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/instances").then().statusCode(400)
                .body("status", equalTo("error"));
        given().get("/api/v1/instances/not-a-uuid").then().statusCode(404).body("status", equalTo("error"));
        given().get("/api/v1/instances/" + UUID.randomUUID()).then().statusCode(404).body("status", equalTo("error"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void theOpenApiDocumentUsesTheJsonNamesAndHidesTheInternalEndpoint() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("password_set"))
                .body(containsString("/api/v1/instances/{id}/test"))
                .body(not(containsString("passwordSet")))
                .body(not(containsString("/internal/")));
    }

    @Test
    void aHugeBodyIsRefusedInTheStandardFormatAndChangesNothing() {
        long before = count();
        byte[] huge = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        given().contentType(ContentType.JSON).body(huge).post("/api/v1/instances")
                .then().statusCode(413).body("status", equalTo("error")).body("message", containsString("larger"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void duplicateNameIsAConflict() {
        String name = "Twin " + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(instance(name, "p")).post("/api/v1/instances").then()
                .statusCode(201);
        given().contentType(ContentType.JSON).body(instance(name.toUpperCase(), "p")).post("/api/v1/instances").then()
                .statusCode(409).body("message", containsString("already exists"));
    }

    private long count() {
        try (var c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from pbx_instance")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
