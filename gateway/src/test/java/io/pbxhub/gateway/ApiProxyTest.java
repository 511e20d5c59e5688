package io.pbxhub.gateway;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = FakeUpstreams.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_gateway_test"))
class ApiProxyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void forwardsEachPathToTheServiceThatOwnsIt() {
        given().get("/api/v1/instances?page=2")
                .then().statusCode(200)
                .body("service", equalTo("instance-service"))
                .body("uri", equalTo("/api/v1/instances?page=2"));
        given().get("/api/v1/cdrs")
                .then().statusCode(200).body("service", equalTo("cdr-billing-service"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/instances/42/click2dial")
                .then().statusCode(200).body("service", equalTo("esl-ingest-service"))
                .body("method", equalTo("POST"));
        given().get("/api/v1/instances/42")
                .then().statusCode(200).body("service", equalTo("instance-service"));
        given().get("/api/v1/admin/cdr-failures?source=kafka")
                .then().statusCode(200).body("service", equalTo("cdr-billing-service"));
        given().contentType("text/csv").body("prefix,rate,connect_fee,increment\n61,0.10,0,60/60\n")
                .post("/api/v1/rate-decks/default/entries")
                .then().statusCode(200).body("service", equalTo("cdr-billing-service"));
    }

    @Test
    void streamsLargeBodiesUnchanged() {
        byte[] body = new byte[2 * 1024 * 1024];
        given().contentType(ContentType.BINARY).body(body).put("/api/v1/instances/7")
                .then().statusCode(200).body("body_length", equalTo(body.length));
    }

    @Test
    void setsARequestIdThatReachesTheServiceAndTheClient() {
        String fromService = given().get("/api/v1/instances")
                .then().statusCode(200).header("X-Request-Id", notNullValue())
                .extract().path("request_id");
        assertThat(fromService).isNotBlank();
        given().header("X-Request-Id", "trace-me-123").get("/api/v1/instances")
                .then().header("X-Request-Id", "trace-me-123").body("request_id", equalTo("trace-me-123"));
    }

    @Test
    void upstreamErrorsPassThroughInTheStandardFormat() {
        given().get("/api/v1/instances/fail")
                .then().statusCode(409).body("status", equalTo("error"))
                .body("message", equalTo("conflict from instance-service"));
    }

    @Test
    void unknownRoutesAndInternalPathsAreNotFound() {
        given().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(ContentType.JSON)
                .body("status", equalTo("error")).body("message", containsString("/api/v1/nothing-here"))
                .body("timestamp", notNullValue());
        given().get("/internal/v1/instances/1/credentials")
                .then().statusCode(404).body("status", equalTo("error"));
    }

    @Test
    void anUnreachableServiceIsABadGateway() {
        given().get("/api/v1/sync/runs")
                .then().statusCode(502).contentType(ContentType.JSON)
                .body("status", equalTo("error"))
                .body("message", containsString("unavailable"));
    }

    @Test
    void everyForwardedRequestIsInTheAccessLog() {
        given().header("X-Request-Id", "audit-42").get("/api/v1/cdrs?from=2026-01-01").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "select method, path, service, status from access_log where request_id = ?")) {
                ps.setString(1, "audit-42");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("method")).isEqualTo("GET");
                    assertThat(rs.getString("path")).isEqualTo("/api/v1/cdrs");
                    assertThat(rs.getString("service")).isEqualTo("billing");
                    assertThat(rs.getInt("status")).isEqualTo(200);
                }
            }
        });
    }
}
