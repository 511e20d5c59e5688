package io.pbxhub.billing.cdr;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class CdrResourceTest {

    static final UUID INSTANCE = UUID.randomUUID();
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
    static String oldest;
    static String middle;
    static String newest;

    /**
     * Three legs of one PBX, an hour apart, none of them billable, sent through the real intake once for the class
     * (in {@code @BeforeEach} because RestAssured knows the random test port only there).
     */
    @BeforeEach
    void threeCallsOfOnePbx() {
        if (oldest != null) {
            return;
        }
        Map<String, Object> inbound = cdr(INSTANCE, "INBOUND", "1001", 120, T0);
        inbound.put("tenantId", "tenant-a");
        Map<String, Object> unanswered = cdr(INSTANCE, "OUTBOUND", "61299998888", 0, T0.plusSeconds(3600));
        unanswered.put("tenantId", "tenant-b");
        Map<String, Object> featureCode = cdr(INSTANCE, "OUTBOUND", "*97", 15, T0.plusSeconds(7200));
        featureCode.put("tenantId", "tenant-b");
        String oldestUuid = (String) inbound.get("cdrUuid");
        middle = (String) unanswered.get("cdrUuid");
        newest = (String) featureCode.get("cdrUuid");
        // Sent newest first: the list is ordered by start time, not by arrival.
        produce(newest, json(featureCode));
        produce(oldestUuid, json(inbound));
        produce(middle, json(unanswered));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("instance_id",
                INSTANCE.toString()).get("/api/v1/cdrs").then().statusCode(200).body("total", equalTo(3)));
        oldest = oldestUuid;
    }

    @Test
    void cdrsAreListedNewestFirstWithHowEachWasRated() {
        given().queryParam("instance_id", INSTANCE.toString()).get("/api/v1/cdrs").then().statusCode(200)
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("total", equalTo(3))
                .body("items.cdr_uuid", equalTo(List.of(newest, middle, oldest)))
                .body("items.matched_by", equalTo(List.of("NO_RATE", "NOT_BILLABLE", "NOT_BILLABLE")))
                .body("items.charge", equalTo(List.of("0.000000", "0.000000", "0.000000")))
                .body("items.direction", equalTo(List.of("OUTBOUND", "OUTBOUND", "INBOUND")))
                .body("items[1].answer_time", equalTo(null))
                .body("items[1].hangup_cause", equalTo("NO_ANSWER"));
    }

    @Test
    void pagesSplitTheListAndCountEverything() {
        given().queryParam("instance_id", INSTANCE.toString()).queryParam("size", 2).get("/api/v1/cdrs").then()
                .statusCode(200).body("total", equalTo(3)).body("size", equalTo(2))
                .body("items.cdr_uuid", equalTo(List.of(newest, middle)));
        given().queryParam("instance_id", INSTANCE.toString()).queryParam("size", 2).queryParam("page", 1)
                .get("/api/v1/cdrs").then().statusCode(200).body("total", equalTo(3)).body("page", equalTo(1))
                .body("items.cdr_uuid", equalTo(List.of(oldest)));
        given().queryParam("instance_id", INSTANCE.toString()).queryParam("page", 7).get("/api/v1/cdrs").then()
                .statusCode(200).body("total", equalTo(3)).body("items", empty());
    }

    @Test
    void fromIsInclusiveToIsExclusiveAndTenantFilters() {
        given().queryParam("instance_id", INSTANCE.toString())
                .queryParam("from", T0.plusSeconds(3600).toString())
                .queryParam("to", T0.plusSeconds(7200).toString())
                .get("/api/v1/cdrs").then().statusCode(200)
                .body("total", equalTo(1)).body("items.cdr_uuid", equalTo(List.of(middle)));
        // An offset other than Z names the same instant.
        given().queryParam("instance_id", INSTANCE.toString())
                .queryParam("from", T0.atOffset(ZoneOffset.ofHours(10)).toString())
                .queryParam("to", T0.plusSeconds(1).toString())
                .get("/api/v1/cdrs").then().statusCode(200).body("items.cdr_uuid", equalTo(List.of(oldest)));
        given().queryParam("instance_id", INSTANCE.toString()).queryParam("tenant_id", "tenant-b")
                .get("/api/v1/cdrs").then().statusCode(200)
                .body("total", equalTo(2)).body("items.cdr_uuid", equalTo(List.of(newest, middle)));
    }

    @Test
    void oneCdrIsFoundByInstanceAndUuid() {
        given().get("/api/v1/cdrs/" + INSTANCE + "/" + middle).then().statusCode(200)
                .body("cdr_uuid", equalTo(middle)).body("tenant_id", equalTo("tenant-b"))
                .body("start_time", equalTo(T0.plusSeconds(3600).toString()));
        given().get("/api/v1/cdrs/" + UUID.randomUUID() + "/" + middle).then().statusCode(404)
                .body("status", equalTo("error")).body("timestamp", notNullValue());
        given().get("/api/v1/cdrs/" + INSTANCE + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("status", equalTo("error"));
    }

    @Test
    void badParametersAreRefusedInTheStandardFormatNamingTheParameter() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("from", "2025-02-01T00:00:00Z", "to", "2025-01-01T00:00:00Z"), "from",
                Map.of("size", "1001"), "size",
                Map.of("size", "0"), "size",
                Map.of("size", "fifty"), "size",
                Map.of("page", "-1"), "page",
                Map.of("page", "99999999999"), "page",
                Map.of("instance_id", "not-a-uuid"), "instance_id",
                Map.of("instance_id", "1-2-3-4-5"), "instance_id",
                Map.of("from", "yesterday"), "from",
                Map.of("to", "2025-01-01"), "to");
        bad.forEach((params, name) -> given().queryParams(params).get("/api/v1/cdrs").then().statusCode(400)
                .body("status", equalTo("error"))
                .body("message", containsString(name))
                .body("timestamp", notNullValue()));
        given().get("/api/v1/cdrs/not-a-uuid/" + middle).then().statusCode(400)
                .body("status", equalTo("error")).body("message", containsString("instance_id"));
    }
}
