package io.pbxhub.instance.tenant;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pbxhub.instance.Fixtures;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class TenantAndRemovalTest {

    static String tenantId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void createTenant(String id, String domain, String instanceId) {
        Map<String, Object> body = instanceId == null
                ? Map.of("id", id, "name", "Acme " + id, "domain_name", domain)
                : Map.of("id", id, "name", "Acme " + id, "domain_name", domain, "instance_id", instanceId);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/tenants").then().statusCode(201)
                .body("id", equalTo(id));
    }

    @Test
    void tenantsAreCreatedAssignedAndReassigned() {
        String first = Fixtures.create(Fixtures.unreachableInstance("Tenant host A " + UUID.randomUUID()));
        String second = Fixtures.create(Fixtures.unreachableInstance("Tenant host B " + UUID.randomUUID()));
        String id = tenantId();
        createTenant(id, id + ".example.com", first);

        given().get("/api/v1/tenants?instance_id=" + first).then().statusCode(200).body("id", hasItem(id));
        given().contentType(ContentType.JSON).body(Map.of("instance_id", second))
                .put("/api/v1/tenants/" + id + "/instance")
                .then().statusCode(200).body("instance_id", equalTo(second));
        given().get("/api/v1/tenants?instance_id=" + first).then().body("id", not(hasItem(id)));
        given().contentType(ContentType.JSON).body("{\"instance_id\": null}")
                .put("/api/v1/tenants/" + id + "/instance")
                .then().statusCode(200).body("instance_id", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("name", "Renamed", "domain_name", "new.example.com"))
                .put("/api/v1/tenants/" + id).then().statusCode(200).body("name", equalTo("Renamed"));
        given().delete("/api/v1/tenants/" + id).then().statusCode(204);
        given().get("/api/v1/tenants/" + id).then().statusCode(404).body("status", equalTo("error"));
    }

    @Test
    void tenantInputIsValidated() {
        given().contentType(ContentType.JSON).body(Map.of("id", "Bad Id!", "name", "x")).post("/api/v1/tenants")
                .then().statusCode(400).body("message", containsString("id"));
        given().contentType(ContentType.JSON).body(Map.of("id", tenantId(), "name", "x", "instance_id",
                UUID.randomUUID().toString())).post("/api/v1/tenants")
                .then().statusCode(404).body("message", containsString("instance"));
        String host = Fixtures.create(Fixtures.unreachableInstance("Domain host " + UUID.randomUUID()));
        String a = tenantId();
        createTenant(a, "shared.example.com", host);
        given().contentType(ContentType.JSON).body(Map.of("id", tenantId(), "name", "x", "domain_name",
                "SHARED.example.com", "instance_id", host)).post("/api/v1/tenants")
                .then().statusCode(409).body("message", containsString("domain"));
        given().contentType(ContentType.JSON).body(Map.of("id", a, "name", "dup")).post("/api/v1/tenants")
                .then().statusCode(409);
    }

    @Test
    void anInstanceWithTenantsCannotBeRemovedAndRemovalKeepsTenants() {
        String instance = Fixtures.create(Fixtures.unreachableInstance("Removal " + UUID.randomUUID()));
        String tenant = tenantId();
        createTenant(tenant, tenant + ".example.com", instance);

        given().delete("/api/v1/instances/" + instance)
                .then().statusCode(409).body("status", equalTo("error"))
                .body("message", containsString("1 tenant assigned"));
        given().get("/api/v1/instances/" + instance).then().statusCode(200);

        given().contentType(ContentType.JSON).body("{\"instance_id\": null}")
                .put("/api/v1/tenants/" + tenant + "/instance").then().statusCode(200);
        given().delete("/api/v1/instances/" + instance).then().statusCode(204);
        given().get("/api/v1/instances/" + instance).then().statusCode(404);
        given().get("/api/v1/tenants/" + tenant).then().statusCode(200).body("id", equalTo(tenant));
        given().delete("/api/v1/instances/" + instance).then().statusCode(404);
    }
}
