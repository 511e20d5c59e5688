package io.pbxhub.instance.pbx3cx;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.pbxhub.instance.Fixtures;
import io.pbxhub.instance.secret.SecretCipher;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.HOSTS;
import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.count;
import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.create;
import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.host;
import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.hostName;
import static io.pbxhub.instance.pbx3cx.Pbx3cxFixtures.row;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class Pbx3cxHostResourceTest {

    static final String ALIAS = "/api/v1/pbx3cx_hosts";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SecretCipher cipher;

    static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post(HOSTS).then();
    }

    static ValidatableResponse put(long id, Object body) {
        return given().contentType(ContentType.JSON).body(body).put(HOSTS + "/" + id).then();
    }

    @Test
    void aNewHostGetsEveryDefaultAndACodeFromItsId() {
        String name = hostName();
        Number id = post(Map.of("host_name", name)).statusCode(201).extract().path("id");
        given().get(HOSTS + "/" + id).then().statusCode(200)
                .body("id", equalTo(id.intValue()))
                .body("host_name", equalTo(name))
                .body("code", equalTo(String.format("PBX-%06d", id.longValue())))
                .body("active", equalTo(true))
                .body("tenant_id", nullValue())
                .body("customer_file_id", nullValue())
                .body("ip_address", nullValue())
                .body("web_username", nullValue())
                .body("web_password_set", equalTo(false))
                .body("ssh_username", equalTo("phonesystem"))
                .body("ssh_password_set", equalTo(false))
                .body("ssh_key_set", equalTo(false))
                .body("licence_key_set", equalTo(false))
                .body("licence_type", nullValue())
                .body("licence_activation_date", nullValue())
                .body("licence_renewal_date", nullValue())
                .body("fetch_backups", equalTo(false))
                .body("backups_frequency", equalTo(1440))
                .body("fetch_cdr", equalTo(false))
                .body("cdr_frequency", equalTo(1440))
                .body("push_cdr", equalTo(false))
                .body("fetch_recordings", equalTo(false))
                .body("recordings_frequency", equalTo(1440))
                .body("push_recordings", equalTo(false))
                .body("make_csv_data", equalTo(false))
                .body("cl_calls_is_sync", equalTo(true))
                .body("cl_participants_is_sync", equalTo(true))
                .body("pbx_map", nullValue())
                .body("comment", nullValue())
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());
    }

    @Test
    void creationAnswersWithTheCanonicalLocation() {
        var response = post(host()).statusCode(201).extract();
        Number id = response.path("id");
        assertThat(response.header("Location")).endsWith(HOSTS + "/" + id);
    }

    @Test
    void everyFieldIsStoredAndShownBack() throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("host_name", "PBX-Full.Example.COM");
        body.put("tenant_id", "acme-1");
        body.put("customer_file_id", 4242);
        body.put("active", false);
        body.put("ip_address", "2001:db8::10");
        body.put("web_username", "admin");
        body.put("ssh_username", "root");
        body.put("licence_type", "Enterprise");
        body.put("licence_activation_date", "2025-01-31");
        body.put("licence_renewal_date", "2026-01-31");
        body.put("sbc_aliases", "sbc1.example.com, sbc2.example.com");
        body.put("backups_location", "/var/lib/3cxpbx/Instance1/Data/Backups");
        body.put("fetch_backups", true);
        body.put("backups_frequency", 60);
        body.put("fetch_cdr", true);
        body.put("cdr_frequency", 15);
        body.put("push_cdr", true);
        body.put("fetch_recordings", true);
        body.put("recordings_frequency", 525600);
        body.put("push_recordings", true);
        body.put("make_csv_data", true);
        body.put("cl_calls_is_sync", false);
        body.put("cl_participants_is_sync", false);
        body.put("pbx_map", Map.of("extensions", List.of(Map.of("number", "100", "name", "Alice"))));
        body.put("comment", "  Main office, rack 2  ");

        Number id = post(body).statusCode(201)
                .body("host_name", equalTo("pbx-full.example.com"))
                .body("tenant_id", equalTo("acme-1"))
                .body("customer_file_id", equalTo(4242))
                .body("active", equalTo(false))
                .body("ip_address", equalTo("2001:db8::10"))
                .body("web_username", equalTo("admin"))
                .body("ssh_username", equalTo("root"))
                .body("licence_type", equalTo("Enterprise"))
                .body("licence_activation_date", equalTo("2025-01-31"))
                .body("licence_renewal_date", equalTo("2026-01-31"))
                .body("sbc_aliases", equalTo("sbc1.example.com, sbc2.example.com"))
                .body("backups_location", equalTo("/var/lib/3cxpbx/Instance1/Data/Backups"))
                .body("fetch_backups", equalTo(true)).body("backups_frequency", equalTo(60))
                .body("fetch_cdr", equalTo(true)).body("cdr_frequency", equalTo(15))
                .body("push_cdr", equalTo(true))
                .body("fetch_recordings", equalTo(true)).body("recordings_frequency", equalTo(525600))
                .body("push_recordings", equalTo(true)).body("make_csv_data", equalTo(true))
                .body("cl_calls_is_sync", equalTo(false)).body("cl_participants_is_sync", equalTo(false))
                .body("comment", equalTo("Main office, rack 2"))
                .extract().path("id");
        String pbxMap = given().get(HOSTS + "/" + id).then().extract().path("pbx_map");
        assertThat(new ObjectMapper().readTree(pbxMap))
                .isEqualTo(new ObjectMapper().valueToTree(body.get("pbx_map")));

        Map<String, String> stored = row(dataSource, "select * from pbx3cx_host where id = ?", id.longValue());
        assertThat(stored).containsEntry("host_name", "pbx-full.example.com").containsEntry("cdr_frequency", "15")
                .containsEntry("licence_renewal_date", "2026-01-31").containsEntry("ssh_username", "root");
    }

    static Stream<Arguments> badHosts() {
        return Stream.of(
                Arguments.of(Map.of(), "host_name"),
                Arguments.of(Map.of("host_name", "   "), "host_name"),
                Arguments.of(Map.of("host_name", "pbx_01!.example.com"), "host_name"),
                Arguments.of(Map.of("host_name", "-pbx.example.com"), "host_name"),
                Arguments.of(Map.of("host_name", "a".repeat(64) + ".example.com"), "host_name"),
                Arguments.of(Map.of("host_name", "abcdefghi.".repeat(26) + "com"), "host_name"),
                Arguments.of(Map.of("host_name", "'; drop table pbx3cx_host; --"), "host_name"),
                Arguments.of(Map.of("host_name", List.of("pbx.example.com")), "host_name"),
                Arguments.of(with("ip_address", "999.1.1.1"), "ip_address"),
                Arguments.of(with("ip_address", "10.0.0"), "ip_address"),
                Arguments.of(with("ip_address", "2001:db8:::1"), "ip_address"),
                Arguments.of(with("ip_address", "pbx.example.com"), "ip_address"),
                Arguments.of(with("ip_address", "::g"), "ip_address"),
                Arguments.of(with("backups_frequency", 0), "backups_frequency"),
                Arguments.of(with("backups_frequency", 525601), "backups_frequency"),
                Arguments.of(with("backups_frequency", "daily"), "backups_frequency"),
                Arguments.of(with("cdr_frequency", -5), "cdr_frequency"),
                Arguments.of(with("recordings_frequency", 525601), "recordings_frequency"),
                Arguments.of(with("recordings_frequency", 99999999999L), "recordings_frequency"),
                Arguments.of(with("licence_activation_date", "2024-13-01"), "licence_activation_date"),
                Arguments.of(with("licence_renewal_date", "31/01/2026"), "licence_renewal_date"),
                Arguments.of(with("licence_activation_date", "2025-06-02", "licence_renewal_date", "2025-06-01"),
                        "licence_renewal_date"),
                Arguments.of(with("customer_file_id", -1), "customer_file_id"),
                Arguments.of(with("customer_file_id", "forty-two"), "customer_file_id"),
                Arguments.of(with("active", "maybe"), "active"),
                Arguments.of(with("fetch_cdr", List.of(true)), "fetch_cdr"),
                Arguments.of(with("ssh_username", "root; rm -rf /"), "ssh_username"),
                Arguments.of(with("tenant_id", "acme corp"), "tenant_id"),
                Arguments.of(with("web_username", "admin\u0000"), "web_username"),
                Arguments.of(with("pbx_map", "{not json"), "pbx_map"),
                Arguments.of(with("pbx_map", "[1, 2]"), "pbx_map"),
                Arguments.of(with("pbx_map", List.of(1, 2)), "pbx_map"),
                Arguments.of(with("pbx_map", Map.of("extensions", "100")), "pbx_map"),
                Arguments.of(with("pbx_map", Map.of("queues", List.of(Map.of("name", "Sales")))), "pbx_map"),
                Arguments.of(with("pbx_map", Map.of("ring_groups", List.of("700"))), "pbx_map"),
                Arguments.of(with("pbx_map", Map.of("extensions", List.of(Map.of("number", true)))), "pbx_map"),
                Arguments.of(with("comment", "x".repeat(65536)), "comment"),
                Arguments.of(with("ssh_key", "k".repeat(16385)), "ssh_key"),
                Arguments.of(with("web_password", "p".repeat(256)), "web_password"));
    }

    static Map<String, Object> with(Object... keyValues) {
        Map<String, Object> body = host();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    @ParameterizedTest
    @MethodSource("badHosts")
    void badInputIsRefusedNamingTheFieldAndNothingIsStored(Map<String, Object> body, String field) {
        long hosts = count(dataSource, "pbx3cx_host");
        long audits = count(dataSource, "pbx3cx_audit");
        post(body).statusCode(400).body("status", equalTo("error")).body("message", containsString(field))
                .body("timestamp", notNullValue());
        assertThat(count(dataSource, "pbx3cx_host")).isEqualTo(hosts);
        assertThat(count(dataSource, "pbx3cx_audit")).isEqualTo(audits);
    }

    @Test
    void bodiesThatAreNotAJsonObjectAreRefused() {
        given().contentType(ContentType.JSON).body("{not json").post(HOSTS).then().statusCode(400)
                .body("status", equalTo("error"));
        given().contentType(ContentType.JSON).body("[{\"host_name\": \"pbx.example.com\"}]").post(HOSTS).then()
                .statusCode(400).body("message", containsString("JSON object"));
        given().contentType(ContentType.JSON).body("\"pbx.example.com\"").post(HOSTS).then().statusCode(400);
        given().contentType(ContentType.JSON).post(HOSTS).then().statusCode(400).body("status", equalTo("error"));
    }

    @Test
    void boundaryValuesAreAccepted() {
        String longestLabel = "a".repeat(63);
        String fqdn253 = longestLabel + "." + longestLabel + "." + longestLabel + "." + "b".repeat(57) + ".com";
        assertThat(fqdn253).hasSize(253);
        post(with("host_name", fqdn253, "backups_frequency", 1, "cdr_frequency", 525600, "ip_address", "192.0.2.10"))
                .statusCode(201).body("host_name", equalTo(fqdn253)).body("backups_frequency", equalTo(1))
                .body("cdr_frequency", equalTo(525600));
        post(with("ip_address", "::ffff:192.0.2.1")).statusCode(201);
        post(with("ip_address", "fe80::1")).statusCode(201);
        post(with("licence_activation_date", "2025-06-01", "licence_renewal_date", "2025-06-01")).statusCode(201);
        post(with("pbx_map", "{}")).statusCode(201).body("pbx_map", equalTo("{}"));
        post(with("ip_address", "")).statusCode(201).body("ip_address", nullValue());
    }

    @Test
    void everyChangeOfAHostIsOnInstanceEventsUnderItsInstanceIdWithoutSecrets() {
        String name = hostName();
        Map<String, Object> body = with("host_name", name, "tenant_id", "acme", "web_password", Fixtures.secret());
        var created = post(body).statusCode(201).body("instance_id", notNullValue()).extract();
        long id = created.<Number>path("id").longValue();
        String instanceId = created.path("instance_id");
        put(id, Map.of("comment", "moved racks")).statusCode(201).body("instance_id", equalTo(instanceId));
        given().delete(HOSTS + "/" + id).then().statusCode(201);

        try (KafkaCompanion kafka = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            var consumer = kafka.consumeStrings().fromTopics("instance-events");
            List<String> changes = await().atMost(Duration.ofSeconds(20)).until(
                    () -> consumer.getRecords().stream().filter(r -> instanceId.equals(r.key()))
                            .map(ConsumerRecord::value).toList(),
                    values -> values.size() >= 3);
            consumer.stop();
            assertThat(changes.get(0)).contains("\"instanceId\":\"" + instanceId + "\"", "\"change\":\"CREATED\"",
                    "\"version\":0", "\"pbxType\":\"PBX3CX\"", "\"tenantId\":\"acme\"",
                    "\"hostname\":\"" + name + "\"").doesNotContain("eslHost", "dbHost");
            assertThat(changes.get(1)).contains("\"change\":\"UPDATED\"", "\"version\":1");
            assertThat(changes.get(2)).contains("\"change\":\"DELETED\"", "\"version\":2");
            assertThat(changes).noneMatch(v -> v.contains(Fixtures.SECRET_MARKER));
        }
    }

    @Test
    void secretsAreEncryptedAtRestAndNeverShown() {
        String web = Fixtures.secret();
        String ssh = Fixtures.secret();
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Fixtures.secret()
                + "\n-----END OPENSSH PRIVATE KEY-----\n";
        String licence = Fixtures.secret();
        Number id = post(with("web_password", web, "ssh_password", ssh, "ssh_key", key, "licence_key", licence))
                .statusCode(201).body("web_password_set", equalTo(true)).body("ssh_password_set", equalTo(true))
                .body("ssh_key_set", equalTo(true)).body("licence_key_set", equalTo(true))
                .body(not(containsString(Fixtures.SECRET_MARKER))).body("$", not(hasKey("web_password")))
                .body("$", not(hasKey("ssh_key")))
                .extract().path("id");

        Map<String, String> stored = row(dataSource,
                "select web_password_enc, ssh_password_enc, ssh_key_enc, licence_key_enc from pbx3cx_host where id = ?",
                id.longValue());
        assertThat(stored.values()).allSatisfy(v -> assertThat(v).startsWith("dev:")
                .doesNotContain(Fixtures.SECRET_MARKER));
        assertThat(cipher.decrypt(stored.get("web_password_enc"))).isEqualTo(web);
        assertThat(cipher.decrypt(stored.get("ssh_password_enc"))).isEqualTo(ssh);
        assertThat(cipher.decrypt(stored.get("ssh_key_enc"))).isEqualTo(key);
        assertThat(cipher.decrypt(stored.get("licence_key_enc"))).isEqualTo(licence);

        given().get(HOSTS + "/" + id).then().statusCode(200).body(not(containsString(Fixtures.SECRET_MARKER)));
        given().get(HOSTS).then().statusCode(200).body(not(containsString(Fixtures.SECRET_MARKER)));
        put(id.longValue(), Map.of("comment", "edited")).statusCode(201)
                .body(not(containsString(Fixtures.SECRET_MARKER)));
    }

    @Test
    void anEditWithoutASecretKeepsItAndAnEmptyStringClearsIt() {
        String web = Fixtures.secret();
        String ssh = Fixtures.secret();
        long id = create(with("web_password", web, "ssh_password", ssh));
        String sql = "select web_password_enc, ssh_password_enc from pbx3cx_host where id = ?";
        Map<String, String> before = row(dataSource, sql, id);

        put(id, Map.of("comment", "no secrets sent")).statusCode(201).body("web_password_set", equalTo(true))
                .body("ssh_password_set", equalTo(true));
        Map<String, String> body = new HashMap<>();
        body.put("web_password", null);
        put(id, body).statusCode(201).body("web_password_set", equalTo(true));
        assertThat(row(dataSource, sql, id)).isEqualTo(before);

        put(id, Map.of("ssh_password", "")).statusCode(201).body("ssh_password_set", equalTo(false))
                .body("web_password_set", equalTo(true));
        assertThat(row(dataSource, sql, id).get("ssh_password_enc")).isNull();

        String replaced = Fixtures.secret();
        put(id, Map.of("web_password", replaced)).statusCode(201).body("web_password_set", equalTo(true));
        assertThat(cipher.decrypt(row(dataSource, sql, id).get("web_password_enc"))).isEqualTo(replaced);
    }

    @Test
    void putAnswers201WithTheHostAndKeepsWhatWasLeftOut() {
        long id = create(with("fetch_cdr", true, "cdr_frequency", 30, "comment", "rack 2", "customer_file_id", 7));
        String code = given().get(HOSTS + "/" + id).then().extract().path("code");
        String created = given().get(HOSTS + "/" + id).then().extract().path("updated_at");

        put(id, Map.of("active", false, "code", "HACKED")).statusCode(201).body("id", equalTo((int) id))
                .body("active", equalTo(false)).body("fetch_cdr", equalTo(true)).body("cdr_frequency", equalTo(30))
                .body("comment", equalTo("rack 2")).body("customer_file_id", equalTo(7)).body("code", equalTo(code));
        String updated = given().get(HOSTS + "/" + id).then().body("active", equalTo(false)).extract()
                .path("updated_at");
        assertThat(Instant.parse(updated)).isAfter(Instant.parse(created));

        Map<String, Object> resets = new HashMap<>();
        resets.put("comment", null);
        resets.put("cdr_frequency", null);
        resets.put("active", null);
        put(id, resets).statusCode(201).body("comment", nullValue()).body("cdr_frequency", equalTo(1440))
                .body("active", equalTo(true));
        put(id, Map.of("comment", "")).statusCode(201).body("comment", nullValue());
    }

    @Test
    void anEditIsValidatedAgainstTheStoredHost() {
        long id = create(with("licence_activation_date", "2025-06-01"));
        put(id, Map.of("licence_renewal_date", "2025-05-31")).statusCode(400)
                .body("message", containsString("licence_renewal_date"));
        put(id, Map.of("host_name", "")).statusCode(400).body("message", containsString("host_name"));
        put(id, Map.of("cdr_frequency", 0)).statusCode(400).body("message", containsString("cdr_frequency"));
        given().get(HOSTS + "/" + id).then().body("licence_renewal_date", nullValue())
                .body("cdr_frequency", equalTo(1440));
    }

    @Test
    void deleteAnswers201WithASuccessMessageAndUnknownIdsAre404() {
        long id = Pbx3cxFixtures.createHost();
        given().delete(HOSTS + "/" + id).then().statusCode(201).body("status", equalTo("success"))
                .body("message", containsString(String.valueOf(id)));
        given().get(HOSTS + "/" + id).then().statusCode(404).body("status", equalTo("error"));
        given().delete(HOSTS + "/" + id).then().statusCode(404).body("status", equalTo("error"));
        put(id, host()).statusCode(404).body("status", equalTo("error"));
        given().get(HOSTS + "/not-a-number").then().statusCode(404).body("status", equalTo("error"));
        given().get(HOSTS + "/99999999999999999999").then().statusCode(404).body("status", equalTo("error"));
        given().get("/api/v1/pbx3cx/" + id + "/origins").then().statusCode(404).body("status", equalTo("error"));
    }

    @Test
    void customerIdFiltersOnTheCustomerFile() {
        long customer = System.nanoTime() % 1_000_000_000L + 1_000_000L;
        long a = create(with("customer_file_id", customer));
        long b = create(with("customer_file_id", customer));
        long other = create(with("customer_file_id", customer + 1));

        List<Integer> ids = given().queryParam("customer_id", customer).get(HOSTS).then().statusCode(200).extract()
                .path("id");
        assertThat(ids).containsExactly((int) a, (int) b);
        given().queryParam("customer_id", customer + 1).get(HOSTS).then().body("id", containsInAnyOrder((int) other));
        given().get(HOSTS).then().body("id", hasItem((int) other));
        given().queryParam("customer_id", "1 or 1=1").get(HOSTS).then().statusCode(400)
                .body("message", containsString("customer_id"));
        given().queryParam("customer_id", "-3").get(HOSTS).then().statusCode(400);
    }

    @Test
    void tenantIdFiltersOnTheTenant() {
        String tenant = "t-" + System.nanoTime();
        long mine = create(with("tenant_id", tenant));
        create(with("tenant_id", tenant + "-other"));
        given().queryParam("tenant_id", tenant).get(HOSTS).then().statusCode(200).body("id",
                containsInAnyOrder((int) mine));
    }

    @Test
    void theDeprecatedAliasAnswersLikeTheResourceWithDeprecationHeaders() {
        String link = "</api/v1/pbx3cx-hosts>; rel=\"successor-version\"";
        var created = given().contentType(ContentType.JSON).body(host()).post(ALIAS).then().statusCode(201)
                .header("Deprecation", "true").header("Link", link).extract();
        Number id = created.path("id");
        assertThat(created.header("Location")).endsWith(HOSTS + "/" + id);

        String canonical = given().get(HOSTS + "/" + id).then().statusCode(200).header("Deprecation", nullValue())
                .header("Link", nullValue()).extract().asString();
        String aliased = given().get(ALIAS + "/" + id).then().statusCode(200).header("Deprecation", "true")
                .header("Link", link).extract().asString();
        assertThat(aliased).isEqualTo(canonical);

        given().get(ALIAS).then().statusCode(200).header("Deprecation", "true").body("id", hasItem(id.intValue()));
        given().contentType(ContentType.JSON).body(Map.of("comment", "via alias")).put(ALIAS + "/" + id).then()
                .statusCode(201).header("Deprecation", "true").body("comment", equalTo("via alias"));
        given().contentType(ContentType.JSON).body(Map.of("cdr_frequency", 0)).put(ALIAS + "/" + id).then()
                .statusCode(400).header("Deprecation", "true").body("message", containsString("cdr_frequency"));
        given().delete(ALIAS + "/" + id).then().statusCode(201).header("Deprecation", "true")
                .header("Link", link).body("status", equalTo("success"));
        given().get(ALIAS + "/" + id).then().statusCode(404).header("Deprecation", "true")
                .body("status", equalTo("error"));
    }

    @Test
    void sqlLikeTextIsStoredVerbatimAndHarmless() {
        String evil = "x'); delete from pbx3cx_host; --";
        long before = count(dataSource, "pbx3cx_host");
        long id = create(with("comment", evil, "web_username", "admin' or '1'='1", "sbc_aliases", "\"; drop"));
        given().get(HOSTS + "/" + id).then().body("comment", equalTo(evil))
                .body("web_username", equalTo("admin' or '1'='1"));
        assertThat(count(dataSource, "pbx3cx_host")).isEqualTo(before + 1);
        given().queryParam("tenant_id", "' or '1'='1").get(HOSTS).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void hugeValuesAreRefusedWithoutBeingStored() {
        long before = count(dataSource, "pbx3cx_host");
        String bigMap = "{\"extensions\": [], \"notes\": \"" + "n".repeat(PbxMap.MAX_CHARS) + "\"}";
        post(with("pbx_map", bigMap)).statusCode(400).body("message", containsString("pbx_map"));
        post(with("pbx_map", Map.of("notes", "n".repeat(PbxMap.MAX_CHARS)))).statusCode(400)
                .body("message", containsString("pbx_map"));
        post(with("sbc_aliases", "s".repeat(3000))).statusCode(400).body("message", containsString("sbc_aliases"));
        String deep = "[".repeat(5000) + "]".repeat(5000);
        post(with("pbx_map", deep)).statusCode(400).body("message", containsString("pbx_map"));
        assertThat(count(dataSource, "pbx3cx_host")).isEqualTo(before);
    }

    @Test
    void codesAreUniqueAndFollowTheId() {
        List<Long> ids = Stream.generate(Pbx3cxFixtures::createHost).limit(3).toList();
        List<String> codes = ids.stream()
                .map(id -> given().get(HOSTS + "/" + id).then().extract().<String>path("code")).toList();
        assertThat(codes).doesNotHaveDuplicates()
                .containsExactlyElementsOf(ids.stream().map(id -> String.format("PBX-%06d", id)).toList());
    }
}
