package io.pbxhub.instance.audit;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.pbxhub.instance.Fixtures;
import io.pbxhub.instance.pbx3cx.Pbx3cxFixtures;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.HOSTS;
import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.row;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class AuditTrailTest {

    static final String AUDITS = "/api/v1/pbx3cx-audits";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditTrail trail;

    @Inject
    ObjectMapper mapper;

    static String hostAudits(long id) {
        return AUDITS + "?auditable_type=pbx3cx_host&auditable_id=" + id;
    }

    @Test
    void everyHostChangeIsAuditedWithItsValuesBeforeAndAfter() {
        String name = Pbx3cxFixtures.hostName();
        Number id = given().contentType(ContentType.JSON).header(CurrentActor.HEADER, "alice@example.com")
                .body(Map.of("host_name", name, "cdr_frequency", 60)).post(HOSTS).then().statusCode(201).extract()
                .path("id");
        given().contentType(ContentType.JSON).header(CurrentActor.HEADER, "bob@example.com")
                .body(Map.of("cdr_frequency", 15, "active", false)).put(HOSTS + "/" + id).then().statusCode(201);
        given().delete(HOSTS + "/" + id).then().statusCode(201);

        given().get(hostAudits(id.longValue())).then().statusCode(200)
                .body("event", contains("deleted", "updated", "created"))
                .body("actor", contains("anonymous", "bob@example.com", "alice@example.com"))
                .body("[2].old_values", nullValue())
                .body("[2].new_values.host_name", equalTo(name))
                .body("[2].new_values.cdr_frequency", equalTo(60))
                .body("[1].old_values.cdr_frequency", equalTo(60))
                .body("[1].old_values.active", equalTo(true))
                .body("[1].new_values.cdr_frequency", equalTo(15))
                .body("[1].new_values.active", equalTo(false))
                .body("[0].old_values.cdr_frequency", equalTo(15))
                .body("[0].new_values", nullValue())
                .body("[0].created_at", notNullValue());
    }

    @Test
    void auditRowsHoldNoSecretOnlyWhichSecretsChanged() {
        String password = Fixtures.secret();
        String key = Fixtures.secret();
        Number id = given().contentType(ContentType.JSON)
                .body(Map.of("host_name", Pbx3cxFixtures.hostName(), "ssh_password", password, "licence_key", key))
                .post(HOSTS).then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("ssh_password", Fixtures.secret(), "licence_key", ""))
                .put(HOSTS + "/" + id).then().statusCode(201);

        String sql = "select string_agg(coalesce(old_values, '') || coalesce(new_values, '') || coalesce(comment, ''), "
                + "'|') as text from pbx3cx_audit where auditable_type = 'pbx3cx_host' and auditable_id = ?";
        String stored = row(dataSource, sql, id.toString()).get("text");
        assertThat(stored).contains("\"ssh_password_set\":true", "\"licence_key_set\":false")
                .doesNotContain(Fixtures.SECRET_MARKER).doesNotContain("dev:");

        given().get(hostAudits(id.longValue())).then().statusCode(200)
                .body("[0].comment", equalTo("secrets changed: ssh_password, licence_key (cleared)"))
                .body("[0].new_values", not(hasKey("ssh_password")))
                .body(not(containsString(Fixtures.SECRET_MARKER)));
    }

    @Test
    void recordNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> trail.record("pbx_instance", "x", AuditTrail.CREATED, null, Map.of("a", 1)))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void recordOutsideAnHttpRequestIsBySystemAndDropsSecretsAtAnyDepth() {
        Map<String, Object> before = Map.of("name", "PBX A", "esl", Map.of("host", "10.0.0.1",
                "password", Fixtures.secret(), "password_set", true), "api_token", Fixtures.secret());
        Map<String, Object> after = Map.of("name", "PBX B", "db_password_encrypted", Fixtures.secret(),
                "clientSecret", Fixtures.secret(), "ssh_key", Fixtures.secret(), "passwordSet", true,
                "tunnels", List.of(Map.of("sshKey", Fixtures.secret(), "port", 22)));
        Audit audit = QuarkusTransaction.requiringNew()
                .call(() -> trail.record("pbx_instance", "inst-1", AuditTrail.UPDATED, before, after));

        given().get(AUDITS + "/" + audit.id).then().statusCode(200).body("actor", equalTo(CurrentActor.SYSTEM))
                .body("old_values.name", equalTo("PBX A")).body("old_values.esl.host", equalTo("10.0.0.1"))
                .body("old_values.esl.password_set", equalTo(true))
                .body("new_values.name", equalTo("PBX B")).body("new_values.passwordSet", equalTo(true))
                .body("new_values.tunnels[0].port", equalTo(22))
                .body(not(containsString(Fixtures.SECRET_MARKER)));
        assertThat(row(dataSource, "select old_values, new_values from pbx3cx_audit where id = ?", audit.id).values())
                .allSatisfy(v -> assertThat(v).doesNotContain(Fixtures.SECRET_MARKER));
    }

    @Test
    void aRolledBackChangeLeavesNoAuditRow() {
        long before = Pbx3cxFixtures.count(dataSource, "pbx3cx_audit");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            trail.record("pbx_instance", "rolled-back", AuditTrail.CREATED, null, Map.of("name", "x"));
            throw new IllegalStateException("the change failed");
        })).hasMessageContaining("the change failed");
        assertThat(Pbx3cxFixtures.count(dataSource, "pbx3cx_audit")).isEqualTo(before);
    }

    @Test
    void theActorHeaderIsCleanedAndBounded() {
        assertThat(CurrentActor.principal(null)).isEqualTo(CurrentActor.ANONYMOUS);
        assertThat(CurrentActor.principal("  ")).isEqualTo(CurrentActor.ANONYMOUS);
        assertThat(CurrentActor.principal("eve\r\nX-Injected: 1")).isEqualTo("eveX-Injected: 1");
        assertThat(CurrentActor.principal("a".repeat(500))).hasSize(CurrentActor.MAX_LENGTH);
    }

    @Test
    void auditRecordsCanBeCreatedReadAndDeletedThroughTheApi() {
        String subject = "inst-" + System.nanoTime();
        Map<String, Object> body = Map.of("auditable_type", "pbx_instance", "auditable_id", subject, "event",
                "restored", "old_values", Map.of("name", "old", "esl_password", Fixtures.secret()), "new_values",
                Map.of("name", "new"), "comment", "restored from backup", "actor", "mallory");
        var created = given().contentType(ContentType.JSON).header(CurrentActor.HEADER, "carol").body(body)
                .post(AUDITS).then().statusCode(201).body("actor", equalTo("carol"))
                .body("event", equalTo("restored")).body("old_values.name", equalTo("old"))
                .body("old_values", not(hasKey("esl_password"))).body("new_values.name", equalTo("new"))
                .body("comment", equalTo("restored from backup")).body("created_at", notNullValue()).extract();
        Number id = created.path("id");
        assertThat(created.header("Location")).endsWith(AUDITS + "/" + id);

        given().get(AUDITS + "/" + id).then().statusCode(200).body("auditable_id", equalTo(subject));
        given().queryParam("auditable_id", subject).get(AUDITS).then().body("id", contains(id.intValue()));
        given().queryParam("event", "restored").queryParam("auditable_id", subject).get(AUDITS).then()
                .body("size()", equalTo(1));

        given().delete(AUDITS + "/" + id).then().statusCode(201).body("status", equalTo("success"));
        given().get(AUDITS + "/" + id).then().statusCode(404).body("status", equalTo("error"));
        given().delete(AUDITS + "/" + id).then().statusCode(404);
    }

    @Test
    void onlyTheCommentOfAnAuditRecordCanChange() {
        Map<String, Object> body = Map.of("auditable_type", "pbx3cx_host", "auditable_id", "1", "event", "updated",
                "old_values", Map.of("active", true), "new_values", Map.of("active", false));
        Number id = given().contentType(ContentType.JSON).body(body).post(AUDITS).then().statusCode(201).extract()
                .path("id");

        given().contentType(ContentType.JSON).body(Map.of("comment", "approved by ops")).put(AUDITS + "/" + id).then()
                .statusCode(201).body("comment", equalTo("approved by ops")).body("event", equalTo("updated"))
                .body("new_values.active", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("event", "deleted", "new_values", Map.of("active", true)))
                .put(AUDITS + "/" + id).then().statusCode(409).body("message", containsString("event"))
                .body("message", containsString("new_values"));
        // Sending back what GET returned, with a new comment, is an edit of the comment only.
        JsonNode current = mapper.valueToTree(given().get(AUDITS + "/" + id).then().extract().as(Map.class));
        ((com.fasterxml.jackson.databind.node.ObjectNode) current).put("comment", "second note");
        given().contentType(ContentType.JSON).body(current.toString()).put(AUDITS + "/" + id).then().statusCode(201)
                .body("comment", equalTo("second note"));
        given().contentType(ContentType.JSON).body(Map.of("comment", "x")).put(AUDITS + "/987654321").then()
                .statusCode(404);
    }

    @Test
    void badAuditRecordsAreRefusedNamingTheField() {
        long before = Pbx3cxFixtures.count(dataSource, "pbx3cx_audit");
        given().contentType(ContentType.JSON).body(Map.of("auditable_id", "1", "event", "created")).post(AUDITS).then()
                .statusCode(400).body("message", containsString("auditable_type"));
        given().contentType(ContentType.JSON)
                .body(Map.of("auditable_type", "x'; drop table pbx3cx_audit; --", "auditable_id", "1", "event",
                        "created"))
                .post(AUDITS).then().statusCode(400).body("message", containsString("auditable_type"));
        given().contentType(ContentType.JSON)
                .body(Map.of("auditable_type", "pbx3cx_host", "auditable_id", "1", "event", "Created!")).post(AUDITS)
                .then().statusCode(400).body("message", containsString("event"));
        given().contentType(ContentType.JSON)
                .body(Map.of("auditable_type", "pbx3cx_host", "auditable_id", "1", "event", "created", "new_values",
                        Map.of("blob", "b".repeat(AuditService.MAX_VALUES_CHARS))))
                .post(AUDITS).then().statusCode(400).body("message", containsString("new_values"));
        given().queryParam("limit", 5000).get(AUDITS).then().statusCode(400).body("message", containsString("limit"));
        assertThat(Pbx3cxFixtures.count(dataSource, "pbx3cx_audit")).isEqualTo(before);
    }
}
