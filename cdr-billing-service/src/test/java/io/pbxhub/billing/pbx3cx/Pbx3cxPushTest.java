package io.pbxhub.billing.pbx3cx;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.billing.instance.BillingInstances;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.pbxhub.billing.BillingFixtures.addEntry;
import static io.pbxhub.billing.BillingFixtures.freshPrefix;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class Pbx3cxPushTest {

    private static final UUID HOST = UUID.randomUUID();
    private static final UUID FUSIONPBX = UUID.randomUUID();

    @Inject
    BillingInstances instances;

    @BeforeEach
    void hostsKnown() {
        if (instances.find(HOST).isEmpty()) {
            instanceEvent(HOST, "PBX3CX");
            instanceEvent(FUSIONPBX, "FUSIONPBX");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> instances.find(HOST).isPresent()
                && instances.find(FUSIONPBX).isPresent());
    }

    @Test
    void anOutboundCallIsRatedTheSameCallTwiceIsStoredOnceAndBadEntriesAreRejectedOneByOne() {
        String prefix = freshPrefix();
        addEntry(prefix, "0.12", "0", 60, 60, 0);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        String callId = "00000C1A" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> outbound = call(callId, start, 61);
        outbound.put("from_type", "Extension");
        outbound.put("to_type", "Line");
        outbound.put("dial_no", prefix + "123");
        outbound.put("to_no", prefix + "123");

        given().contentType(ContentType.JSON).body(json(outbound)).post("/api/v1/cdrs/3cx").then().statusCode(202)
                .body("accepted", equalTo(1)).body("duplicate", equalTo(0)).body("rejected", equalTo(0));
        // 61 s on 60/60 at 0.12/min: 0.24
        given().get("/api/v1/cdrs/" + HOST + "/" + callId).then().statusCode(200)
                .body("direction", equalTo("OUTBOUND")).body("destination_number", equalTo(prefix + "123"))
                .body("caller_id_number", equalTo("101")).body("billsec", equalTo(61))
                .body("duration", equalTo(66)).body("charge", equalTo("0.240000")).body("tenant_id", equalTo("acme"))
                .body("hangup_cause", equalTo("TerminatedBySrc"));

        String inboundId = "00000C1B" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> inbound = call(inboundId, start.plusSeconds(60), 20);
        inbound.put("direction", "Inbound");
        inbound.put("from_no", "+61298765432");
        inbound.put("to_no", "61280001234");
        Map<String, Object> noStart = call("no-start-" + UUID.randomUUID(), start, 5);
        noStart.remove("time_start");
        Map<String, Object> unknownHost = call("stranger-" + UUID.randomUUID(), start, 5);
        unknownHost.put("host_id", UUID.randomUUID().toString());
        Map<String, Object> notA3cxHost = call("fusion-" + UUID.randomUUID(), start, 5);
        notA3cxHost.put("host_id", FUSIONPBX.toString());
        Map<String, Object> backwards = call("backwards-" + UUID.randomUUID(), start, 5);
        backwards.put("time_end", start.minusSeconds(1).toString());

        given().contentType(ContentType.JSON)
                .body("[" + String.join(",", json(outbound), json(inbound), json(noStart), json(unknownHost),
                        json(notA3cxHost), json(backwards), "42") + "]")
                .post("/api/v1/cdrs/3cx").then().statusCode(202)
                .body("accepted", equalTo(1)).body("duplicate", equalTo(1)).body("rejected", equalTo(5))
                .body("rejections", hasSize(5))
                .body("rejections[0].index", equalTo(2)).body("rejections[0].reason", equalTo("time_start is missing"))
                .body("rejections[0].callid", equalTo(noStart.get("callid")))
                .body("rejections[1].index", equalTo(3))
                .body("rejections[1].reason", equalTo("host_id: no 3CX host " + unknownHost.get("host_id")
                        + " is known"))
                .body("rejections[2].reason", equalTo("host_id: instance " + FUSIONPBX + " is not a 3CX host"))
                .body("rejections[3].reason", startsWith("times out of order"))
                .body("rejections[4].index", equalTo(6)).body("rejections[4].reason", equalTo("not a JSON object"));
        given().get("/api/v1/cdrs/" + HOST + "/" + inboundId).then().statusCode(200)
                .body("direction", equalTo("INBOUND")).body("destination_number", equalTo("61280001234"));
        given().queryParam("instance_id", HOST.toString()).queryParam("size", 1000).get("/api/v1/cdrs").then()
                .body("items.findAll { it.cdr_uuid == '" + callId + "' }.size()", equalTo(1));

        List<Map<String, Object>> failures = given().queryParam("source", "3cx").queryParam("size", 500)
                .get("/api/v1/admin/cdr-failures").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream()
                .filter(f -> noStart.get("callid").equals(f.get("cdr_key"))).toList();
        org.assertj.core.api.Assertions.assertThat(failures).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(failures.get(0).get("instance_id")).isEqualTo(HOST.toString());
    }

    @Test
    void aBodyThatIsBadAsAWholeIsRefusedInTheStandardErrorFormatAndChangesNothing() {
        given().contentType(ContentType.JSON).body("{\"callid\": ").post("/api/v1/cdrs/3cx").then().statusCode(400)
                .body("status", equalTo("error")).body("message", startsWith("body: not JSON"))
                .body("timestamp", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/cdrs/3cx").then().statusCode(400)
                .body("message", equalTo("body: the array is empty"));
        given().contentType(ContentType.JSON).body("\"a string\"").post("/api/v1/cdrs/3cx").then().statusCode(400)
                .body("message", equalTo("body: one 3CX CDR object or an array of them"));
        given().contentType(ContentType.JSON).body("[" + "{},".repeat(1000) + "{}]").post("/api/v1/cdrs/3cx").then()
                .statusCode(400).body("message", equalTo("body: at most 1000 CDRs per request, got 1001"));
    }

    private static Map<String, Object> call(String callId, Instant start, int talk) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("host_id", HOST.toString());
        call.put("historyid", "9" + callId.hashCode());
        call.put("callid", callId);
        call.put("time_start", start.toString());
        call.put("time_answered", start.plusSeconds(5).toString());
        call.put("time_end", start.plusSeconds(5 + talk).toString());
        call.put("reason_terminated", "TerminatedBySrc");
        call.put("from_no", "101");
        call.put("from_dn", "101");
        call.put("from_dispname", "Alice Example");
        return call;
    }

    private static void instanceEvent(UUID id, String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("instanceId", id.toString());
        event.put("change", "CREATED");
        event.put("version", 1);
        event.put("tenantId", "acme");
        event.put("name", "pbx-" + type.toLowerCase());
        event.put("hostname", "pbx.acme.invalid");
        event.put("pbxType", type);
        event.put("occurredAt", Instant.now().toString());
        kafka().produceStrings().fromRecords(new ProducerRecord<>("instance-events", id.toString(), json(event)))
                .awaitCompletion();
    }
}
