package io.pbxhub.instance.pbx3cx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Call records, the call log that aggregates a session of them, and its detail view. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class Pbx3cxCallFlowTest {

    static final String CALLS = "/api/v1/pbx3cx_calls";
    static final String LOGS = "/api/v1/pbx3cx-call-logs";
    static final String DETAILS = "/api/v1/pbx3cx-call-log-details";
    static final String CUSTOMER = "+441632960123";

    @Inject
    AgroalDataSource dataSource;

    static String session() {
        return "00000" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> call(long host, String callId, String historyId, String start) {
        Map<String, Object> body = new HashMap<>();
        body.put("pbx3cx_host_id", host);
        body.put("call_id", callId);
        body.put("history_id", historyId);
        body.put("started_at", start);
        return body;
    }

    static ValidatableResponse postCall(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(CALLS).then();
    }

    static long createCall(Map<String, Object> body) {
        Number id = postCall(body).statusCode(201).extract().path("id");
        return id.longValue();
    }

    static ValidatableResponse postLog(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(LOGS).then();
    }

    /** An inbound call: queue 800 does not answer, Alice (100) answers, then transfers to Bob (101). */
    static String transferredCall(long host) {
        String c = session();
        Map<String, Object> queue = call(host, c, c + "-1", "2025-07-25T10:00:00Z");
        queue.putAll(Map.of("from_number", CUSTOMER, "from_name", "Customer", "from_type", "Line", "to_number", "800",
                "to_name", "Sales", "to_type", "Queue", "ended_at", "2025-07-25T10:00:20Z", "direction", "Inbound",
                "reason_terminated", "TerminatedBySrc"));
        createCall(queue);
        Map<String, Object> alice = call(host, c, c + "-2", "2025-07-25T10:00:20Z");
        alice.putAll(Map.of("from_number", CUSTOMER, "to_number", "100", "to_name", "Alice", "to_type", "Extension",
                "answered_at", "2025-07-25T10:00:25Z", "ended_at", "2025-07-25T10:02:25Z", "direction", "inbound"));
        createCall(alice);
        Map<String, Object> bob = call(host, c, c + "-3", "2025-07-25T10:02:25Z");
        bob.putAll(Map.of("from_number", CUSTOMER, "to_number", "100", "final_number", "101", "final_name", "Bob",
                "final_type", "Extension", "answered_at", "2025-07-25T10:02:30Z", "ended_at", "2025-07-25T10:03:00Z",
                "duration", 30, "status", "answered", "recording_url", "https://pbx.example.com/rec/" + c + ".wav"));
        createCall(bob);
        return c;
    }

    @Test
    void aCallRecordIsStoredWithDerivedDurationAndStatus() {
        long host = Pbx3cxFixtures.createHost();
        String c = session();
        Map<String, Object> body = call(host, c, c + "-1", "2025-07-25T11:41:48Z");
        body.putAll(Map.of("from_number", "Ext.100", "from_name", "Alice", "to_number", "0044123", "answered_at",
                "2025-07-25T11:41:50Z", "ended_at", "2025-07-25T11:43:50Z", "direction", "OUTBOUND"));
        Number id = postCall(body).statusCode(201).body("pbx3cx_host_id", equalTo((int) host))
                .body("call_id", equalTo(c)).body("from_number", equalTo("Ext.100")).body("duration", equalTo(120))
                .body("status", equalTo("answered")).body("direction", equalTo("outbound"))
                .body("started_at", equalTo("2025-07-25T11:41:48Z")).body("created_at", notNullValue())
                .extract().path("id");
        given().get(CALLS + "/" + id).then().statusCode(200).body("history_id", equalTo(c + "-1"));

        Map<String, Object> missed = call(host, session(), null, "2025-07-25T12:00:00Z");
        missed.put("ended_at", "2025-07-25T12:00:30Z");
        postCall(missed).statusCode(201).body("status", equalTo("unanswered")).body("duration", nullValue());
    }

    @Test
    void callRecordsAreEditedAndRemovedWith201() {
        long host = Pbx3cxFixtures.createHost();
        String c = session();
        long id = createCall(call(host, c, null, "2025-07-25T09:00:00Z"));
        given().contentType(ContentType.JSON).body(Map.of("to_number", "200", "status", "busy")).put(CALLS + "/" + id)
                .then().statusCode(201).body("to_number", equalTo("200")).body("status", equalTo("busy"))
                .body("call_id", equalTo(c)).body("started_at", equalTo("2025-07-25T09:00:00Z"));
        given().contentType(ContentType.JSON).body(Map.of("ended_at", "2025-07-25T08:00:00Z")).put(CALLS + "/" + id)
                .then().statusCode(400).body("message", containsString("ended_at"));
        given().delete(CALLS + "/" + id).then().statusCode(201).body("status", equalTo("success"));
        given().get(CALLS + "/" + id).then().statusCode(404).body("status", equalTo("error"));
        given().delete(CALLS + "/" + id).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("status", "busy")).put(CALLS + "/" + id).then()
                .statusCode(404);
    }

    @Test
    void callRecordsAreListedByHostAndSessionNewestFirst() {
        long host = Pbx3cxFixtures.createHost();
        String c = session();
        long first = createCall(call(host, c, null, "2025-07-25T09:00:00Z"));
        long second = createCall(call(host, c, null, "2025-07-25T09:05:00Z"));
        createCall(call(host, session(), null, "2025-07-25T09:10:00Z"));
        createCall(call(Pbx3cxFixtures.createHost(), c, null, "2025-07-25T09:10:00Z"));

        given().queryParam("pbx3cx_host_id", host).queryParam("call_id", c).get(CALLS).then().statusCode(200)
                .body("id", contains((int) second, (int) first));
        given().queryParam("pbx3cx_host_id", host).get(CALLS).then().body("size()", equalTo(3));
        given().queryParam("pbx3cx_host_id", host).queryParam("limit", 1).queryParam("offset", 1).get(CALLS).then()
                .body("id", contains((int) second));
        given().queryParam("limit", 0).get(CALLS).then().statusCode(400).body("message", containsString("limit"));
        given().queryParam("pbx3cx_host_id", "x").get(CALLS).then().statusCode(400)
                .body("message", containsString("pbx3cx_host_id"));
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                Arguments.of(Map.of("started_at", ""), "started_at"),
                Arguments.of(Map.of("started_at", "2025-07-25T11:41:48"), "started_at"),
                Arguments.of(Map.of("started_at", "yesterday"), "started_at"),
                Arguments.of(Map.of("call_id", ""), "call_id"),
                Arguments.of(Map.of("call_id", "a b"), "call_id"),
                Arguments.of(Map.of("call_id", "x".repeat(65)), "call_id"),
                Arguments.of(Map.of("pbx3cx_host_id", 987654321), "pbx3cx_host_id"),
                Arguments.of(Map.of("pbx3cx_host_id", "one"), "pbx3cx_host_id"),
                Arguments.of(Map.of("ended_at", "2025-07-25T09:59:59Z"), "ended_at"),
                Arguments.of(Map.of("answered_at", "2025-07-25T09:59:59Z"), "answered_at"),
                Arguments.of(Map.of("answered_at", "2025-07-25T10:05:00Z", "ended_at", "2025-07-25T10:01:00Z"),
                        "ended_at"),
                Arguments.of(Map.of("duration", -1), "duration"),
                Arguments.of(Map.of("duration", 604801), "duration"),
                Arguments.of(Map.of("direction", "sideways"), "direction"),
                Arguments.of(Map.of("status", "ringing'; --"), "status"),
                Arguments.of(Map.of("recording_url", "javascript:alert(1)"), "recording_url"),
                Arguments.of(Map.of("from_number", "100\n200"), "from_number"),
                Arguments.of(Map.of("to_name", "n".repeat(256)), "to_name"));
    }

    @ParameterizedTest
    @MethodSource("badCalls")
    void badCallRecordsAreRefusedNamingTheFieldAndNothingIsStored(Map<String, Object> changes, String field) {
        long host = Pbx3cxFixtures.createHost();
        Map<String, Object> body = call(host, session(), null, "2025-07-25T10:00:00Z");
        body.putAll(changes);
        long before = count(dataSource, "pbx3cx_call");
        postCall(body).statusCode(400).body("status", equalTo("error")).body("message", containsString(field));
        assertThat(count(dataSource, "pbx3cx_call")).isEqualTo(before);
    }

    @Test
    void aHistoryIdIsStoredOncePerHost() {
        long host = Pbx3cxFixtures.createHost();
        String c = session();
        createCall(call(host, c, "hist-" + c, "2025-07-25T10:00:00Z"));
        postCall(call(host, c, "hist-" + c, "2025-07-25T10:00:00Z")).statusCode(409)
                .body("message", containsString("history_id"));
        createCall(call(Pbx3cxFixtures.createHost(), c, "hist-" + c, "2025-07-25T10:00:00Z"));
        long other = createCall(call(host, c, null, "2025-07-25T10:01:00Z"));
        given().contentType(ContentType.JSON).body(Map.of("history_id", "hist-" + c)).put(CALLS + "/" + other).then()
                .statusCode(409);
    }

    @Test
    void postingACallLogAggregatesItsSessionAndPostingAgainRefreshesIt() {
        long host = Pbx3cxFixtures.createHost();
        String c = transferredCall(host);

        Number id = postLog(Map.of("pbx3cx_host_id", host, "call_id", c)).statusCode(201)
                .body("call_id", equalTo(c)).body("visible", equalTo(true))
                .body("segment_count", equalTo(3)).body("participant_count", equalTo(4))
                .body("duration", equalTo(150)).body("status", equalTo("answered"))
                .body("direction", equalTo("inbound"))
                .body("started_at", equalTo("2025-07-25T10:00:00Z")).body("ended_at", equalTo("2025-07-25T10:03:00Z"))
                .body("from_number", equalTo(CUSTOMER)).body("from_name", equalTo("Customer"))
                .body("to_number", equalTo("800")).body("to_name", equalTo("Sales"))
                .body("final_number", equalTo("101")).body("final_name", equalTo("Bob"))
                .body("refreshed_at", notNullValue()).extract().path("id");

        postLog(Map.of("pbx3cx_host_id", host, "call_id", c)).statusCode(200).body("id", equalTo(id.intValue()))
                .body("segment_count", equalTo(3));
        given().get(LOGS + "/" + id).then().statusCode(200).body("call_id", equalTo(c));
        given().queryParam("pbx3cx_host_id", host).get(LOGS).then().statusCode(200).body("id", hasItem(id.intValue()));
    }

    @Test
    void theDetailShowsTheLogItsParticipantsAndItsSegmentsInOrder() {
        long host = Pbx3cxFixtures.createHost();
        String c = transferredCall(host);
        Number id = postLog(Map.of("pbx3cx_host_id", host, "call_id", c)).statusCode(201).extract().path("id");

        given().get(DETAILS + "/" + id).then().statusCode(200)
                .body("call_log.id", equalTo(id.intValue())).body("call_log.segment_count", equalTo(3))
                .body("participants.number", contains(CUSTOMER, "800", "100", "101"))
                .body("participants.name", contains("Customer", "Sales", "Alice", "Bob"))
                .body("participants.type", contains("Line", "Queue", "Extension", "Extension"))
                .body("segments.history_id", contains(c + "-1", c + "-2", c + "-3"))
                .body("segments[1].duration", equalTo(120))
                .body("segments[2].recording_url", containsString(c));
        given().get(DETAILS + "/987654321").then().statusCode(404).body("status", equalTo("error"));
        given().get(DETAILS + "/abc").then().statusCode(404);
    }

    @Test
    void writingACallRecordRefreshesTheLogOfItsSession() {
        long host = Pbx3cxFixtures.createHost();
        String c = session();
        Number log = postLog(Map.of("pbx3cx_host_id", host, "call_id", c)).statusCode(201)
                .body("segment_count", equalTo(0)).body("participant_count", equalTo(0))
                .body("status", nullValue()).body("started_at", nullValue()).extract().path("id");

        Map<String, Object> first = call(host, c, null, "2025-07-25T10:00:00Z");
        first.putAll(Map.of("from_number", "100", "to_number", "200", "duration", 40, "status", "answered"));
        long firstId = createCall(first);
        given().get(LOGS + "/" + log).then().body("segment_count", equalTo(1)).body("duration", equalTo(40))
                .body("participant_count", equalTo(2)).body("started_at", equalTo("2025-07-25T10:00:00Z"));

        Map<String, Object> second = call(host, c, null, "2025-07-25T10:01:00Z");
        second.putAll(Map.of("from_number", "100", "to_number", "300", "duration", 5));
        long secondId = createCall(second);
        given().get(LOGS + "/" + log).then().body("segment_count", equalTo(2)).body("duration", equalTo(45))
                .body("participant_count", equalTo(3)).body("final_number", equalTo("300"));

        given().contentType(ContentType.JSON).body(Map.of("duration", 60)).put(CALLS + "/" + firstId).then()
                .statusCode(201);
        given().get(LOGS + "/" + log).then().body("duration", equalTo(65));

        // Moving a record to another session refreshes the one it left.
        given().contentType(ContentType.JSON).body(Map.of("call_id", session())).put(CALLS + "/" + secondId).then()
                .statusCode(201);
        given().get(LOGS + "/" + log).then().body("segment_count", equalTo(1)).body("final_number", equalTo("200"));

        given().delete(CALLS + "/" + firstId).then().statusCode(201);
        given().get(LOGS + "/" + log).then().body("segment_count", equalTo(0)).body("duration", equalTo(0))
                .body("status", nullValue());
    }

    @Test
    void hiddenLogsAreLeftOutOfTheListButStillReadable() {
        long host = Pbx3cxFixtures.createHost();
        String c = transferredCall(host);
        Number id = postLog(Map.of("pbx3cx_host_id", host, "call_id", c, "visible", false)).statusCode(201)
                .body("visible", equalTo(false)).extract().path("id");
        given().queryParam("pbx3cx_host_id", host).get(LOGS).then().statusCode(200)
                .body("id", not(hasItem(id.intValue())));
        given().get(LOGS).then().body("id", not(hasItem(id.intValue())));
        given().get(LOGS + "/" + id).then().statusCode(200).body("visible", equalTo(false));

        postLog(Map.of("pbx3cx_host_id", host, "call_id", c)).statusCode(200).body("visible", equalTo(false));
        postLog(Map.of("pbx3cx_host_id", host, "call_id", c, "visible", true)).statusCode(200)
                .body("visible", equalTo(true));
        given().queryParam("pbx3cx_host_id", host).get(LOGS).then().body("id", contains(id.intValue()));
    }

    @Test
    void badCallLogRequestsAreRefusedAndUnknownIdsAre404() {
        long before = count(dataSource, "pbx3cx_call_log");
        postLog(Map.of("call_id", "x")).statusCode(400).body("message", containsString("pbx3cx_host_id"));
        postLog(Map.of("pbx3cx_host_id", 987654321, "call_id", "x")).statusCode(400)
                .body("message", containsString("pbx3cx_host_id"));
        postLog(Map.of("pbx3cx_host_id", Pbx3cxFixtures.createHost())).statusCode(400)
                .body("message", containsString("call_id"));
        postLog(Map.of("pbx3cx_host_id", Pbx3cxFixtures.createHost(), "call_id", "1' or '1'='1")).statusCode(400)
                .body("message", containsString("call_id"));
        postLog(Map.of("pbx3cx_host_id", Pbx3cxFixtures.createHost(), "call_id", "x", "visible", "no")).statusCode(400)
                .body("message", containsString("visible"));
        assertThat(count(dataSource, "pbx3cx_call_log")).isEqualTo(before);
        given().get(LOGS + "/987654321").then().statusCode(404).body("status", equalTo("error"));
    }

    @Test
    void removingAHostRemovesItsCallsAndCallLogs() {
        long host = Pbx3cxFixtures.createHost();
        String c = session();
        long call = createCall(call(host, c, null, "2025-07-25T10:00:00Z"));
        Number log = postLog(Map.of("pbx3cx_host_id", host, "call_id", c)).statusCode(201).extract().path("id");
        given().delete(Pbx3cxFixtures.HOSTS + "/" + host).then().statusCode(201);
        given().get(CALLS + "/" + call).then().statusCode(404);
        given().get(LOGS + "/" + log).then().statusCode(404);
        given().get(DETAILS + "/" + log).then().statusCode(404);
        assertThat(count(dataSource, "pbx3cx_call where pbx3cx_host_id = " + host)).isZero();
        List<Integer> ids = given().get(LOGS).then().extract().path("id");
        assertThat(ids).doesNotContain(log.intValue());
    }
}
