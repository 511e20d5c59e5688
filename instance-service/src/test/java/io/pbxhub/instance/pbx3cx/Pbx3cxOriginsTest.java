package io.pbxhub.instance.pbx3cx;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.HOSTS;
import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.create;
import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.hostName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class Pbx3cxOriginsTest {

    static String origins(long id) {
        return "/api/v1/pbx3cx/" + id + "/origins";
    }

    @Test
    void everyExtensionQueueAndRingGroupOfTheMapIsAnOrigin() {
        Map<String, Object> map = Map.of(
                "ring_groups", List.of(Map.of("number", "700", "name", "Support")),
                "extensions", List.of(Map.of("number", "100", "name", "Alice"), Map.of("number", 101)),
                "queues", List.of(Map.of("number", "800", "name", "Sales")),
                "ivrs", List.of(Map.of("number", "900")));
        long id = create(Map.of("host_name", hostName(), "pbx_map", map));

        given().get(origins(id)).then().statusCode(200)
                .body("type", contains("extension", "extension", "queue", "ring_group"))
                .body("number", contains("100", "101", "800", "700"))
                .body("name", contains("Alice", null, "Sales", "Support"));
    }

    @Test
    void aMapSentAsTextGivesTheSameOrigins() {
        long id = create(Map.of("host_name", hostName(), "pbx_map",
                "{\"extensions\": [{\"number\": \"200\", \"name\": \"Bob\"}], \"queues\": []}"));
        given().get(origins(id)).then().statusCode(200).body("size()", equalTo(1))
                .body("[0].type", equalTo("extension")).body("[0].number", equalTo("200"))
                .body("[0].name", equalTo("Bob"));
    }

    @Test
    void aHostWithoutAMapHasNoOrigins() {
        long id = create(Map.of("host_name", hostName()));
        given().get(origins(id)).then().statusCode(200).body("size()", equalTo(0));
        long empty = create(Map.of("host_name", hostName(), "pbx_map", Map.of()));
        given().get(origins(empty)).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void editingTheMapChangesTheOriginsAndClearingItRemovesThem() {
        long id = create(Map.of("host_name", hostName(), "pbx_map",
                Map.of("extensions", List.of(Map.of("number", "100")))));
        given().contentType(ContentType.JSON)
                .body(Map.of("pbx_map", Map.of("queues", List.of(Map.of("number", "801", "name", "Billing")))))
                .put(HOSTS + "/" + id).then().statusCode(201);
        given().get(origins(id)).then().body("type", contains("queue")).body("number", contains("801"));

        given().contentType(ContentType.JSON).body("{\"pbx_map\": null}").put(HOSTS + "/" + id).then()
                .statusCode(201).body("pbx_map", nullValue());
        given().get(origins(id)).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anUnknownHostIs404() {
        given().get(origins(987_654_321L)).then().statusCode(404).body("status", equalTo("error"));
        given().get("/api/v1/pbx3cx/abc/origins").then().statusCode(404).body("status", equalTo("error"));
    }
}
