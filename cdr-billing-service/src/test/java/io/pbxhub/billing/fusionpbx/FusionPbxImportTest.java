package io.pbxhub.billing.fusionpbx;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pbxhub.billing.instance.BillingInstances;
import io.pbxhub.testsupport.fusionpbx.FusionPbxDatabase;
import io.pbxhub.testsupport.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.pbxhub.billing.BillingFixtures.addEntry;
import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.freshPrefix;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.kafka;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The v_xml_cdr import on the real FusionPBX schema: instances learnt from instance-events, credentials from the
 * (fake) instance-service, rows rated and stored through the cdr-raw path, a watermark that survives reruns and late
 * rows, and one instance's dead database not stopping the others.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
@WithTestResource(FakeInstanceService.class)
class FusionPbxImportTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static FusionPbxDatabase pbx;
    private static UUID instance;
    private static UUID deadInstance;
    private static UUID domain;
    private static UUID extension;
    private static String prefix;

    @Inject
    FusionPbxImport importer;

    @Inject
    BillingInstances instances;

    @BeforeAll
    static void pbxes() throws IOException {
        pbx = FusionPbxDatabase.create("fusionpbx_billing_import");
        instance = UUID.randomUUID();
        deadInstance = UUID.randomUUID();
        domain = pbx.addDomain("acme.pbx.test");
        extension = UUID.randomUUID();
        pbx.execute("insert into v_extensions (extension_uuid, domain_uuid, extension) values ('" + extension + "', '"
                + domain + "', '1001')");
        FakeInstanceService.dbCredentials(instance, pbx.user(), pbx.password());
        FakeInstanceService.dbCredentials(deadInstance, "fusionpbx", "not-used");
        instanceEvent(instance, "fusionpbx-test", pbx.host(), pbx.port(), pbx.name());
        // A PBX whose database does not answer: a port that was free a moment ago, on the loopback address.
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        instanceEvent(deadInstance, "fusionpbx-dead", "127.0.0.1", closedPort, "fusionpbx");
        prefix = freshPrefix();
    }

    @Test
    void newRowsAreRatedAndStoredOnceLateRowsStillComeAndADeadInstanceDoesNotStopTheOthers() {
        addEntry(prefix, "0.12", "0", 60, 60, 0);
        awaitInstances();
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        UUID outbound = row("outbound", "1001", prefix + "555", start, 61, Instant.now());
        UUID inbound = row("inbound", "0298765432", "1001", start.plusSeconds(5), 30, Instant.now());
        UUID missed = row("outbound", "1001", prefix + "556", start.plusSeconds(9), 0, Instant.now());

        List<FusionPbxImport.InstanceRun> first = importer.importAll();
        assertThat(run(first, instance).error()).isNull();
        assertThat(run(first, instance).stored()).isEqualTo(3);
        int stored = total();
        // 61 s on 60/60 at 0.12/min bills 120 s: 0.24; the row maps like esl-ingest's CDR of the same leg.
        given().get("/api/v1/cdrs/" + instance + "/" + outbound).then().statusCode(200)
                .body("charge", equalTo("0.240000")).body("billed_seconds", equalTo(120))
                .body("matched_prefix", equalTo(prefix)).body("direction", equalTo("OUTBOUND"))
                .body("tenant_id", equalTo("acme-fpbx")).body("domain", equalTo("acme.pbx.test"))
                .body("caller_id_number", equalTo("1001")).body("start_time", equalTo(start.toString()))
                .body("billsec", equalTo(61)).body("duration", equalTo(65))
                .body("hangup_cause", equalTo("NORMAL_CLEARING"));
        given().get("/api/v1/cdrs/" + instance + "/" + inbound).then().statusCode(200)
                .body("direction", equalTo("INBOUND")).body("charge", equalTo("0.000000"));
        given().get("/api/v1/cdrs/" + instance + "/" + missed).then().statusCode(200)
                .body("billsec", equalTo(0)).body("answer_time", equalTo(null));

        // The dead instance failed visibly (run result, import state, metric) and kept its watermark.
        assertThat(run(first, deadInstance).error()).isNotBlank();
        FusionPbxImportState dead = importer.stateOf(deadInstance);
        assertThat(dead.insertDateWatermark).isNull();
        assertThat(dead.lastError).isNotBlank();
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "pbxhub_billing_fusionpbx_import_failures_total{instance=\"" + deadInstance + "\"}"));
        Instant watermark = importer.stateOf(instance).insertDateWatermark;
        assertThat(watermark).isNotNull();

        // Nothing new: nothing stored, the overlap window's rows are dropped by the natural key.
        List<FusionPbxImport.InstanceRun> second = importer.importAll();
        assertThat(run(second, instance).stored()).isZero();
        assertThat(run(second, instance).error()).isNull();
        assertThat(total()).isEqualTo(stored);

        // A late row: its call started hours before everything imported, FusionPBX wrote it only now.
        UUID late = row("outbound", "1001", prefix + "557", start.minus(3, ChronoUnit.HOURS), 5, Instant.now());
        List<FusionPbxImport.InstanceRun> third = importer.importAll();
        assertThat(run(third, instance).stored()).isEqualTo(1);
        given().get("/api/v1/cdrs/" + instance + "/" + late).then().statusCode(200)
                .body("start_time", equalTo(start.minus(3, ChronoUnit.HOURS).toString()));
        assertThat(importer.stateOf(instance).insertDateWatermark).isAfter(watermark);
        assertThat(importer.stateOf(deadInstance).insertDateWatermark).isNull();
    }

    @Test
    void aCallSeenByEslIngestAndByTheImportIsStoredOnce() {
        awaitInstances();
        Instant start = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        // esl-ingest's CDR first: its cdrUuid is the channel UUID, which FusionPBX stores as xml_cdr_uuid.
        Map<String, Object> esl = cdr(instance, "OUTBOUND", prefix + "777", 42, start);
        String channelUuid = (String) esl.get("cdrUuid");
        produce(channelUuid, json(esl));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cdrs/" + instance + "/" + channelUuid)
                .then().statusCode(200));

        rowWithUuid(UUID.fromString(channelUuid), "outbound", "1001", prefix + "777", start, 42, Instant.now());
        importer.importAll();
        given().queryParam("instance_id", instance.toString()).queryParam("size", 1000).get("/api/v1/cdrs").then()
                .statusCode(200).body("items.findAll { it.cdr_uuid == '" + channelUuid + "' }.size()", equalTo(1));

        // And the other way round: imported first, then esl-ingest's copy arrives and changes nothing.
        Map<String, Object> later = cdr(instance, "OUTBOUND", prefix + "778", 20, start.plusSeconds(30));
        String laterUuid = (String) later.get("cdrUuid");
        rowWithUuid(UUID.fromString(laterUuid), "outbound", "1001", prefix + "778", start.plusSeconds(30), 20,
                Instant.now());
        importer.importAll();
        given().get("/api/v1/cdrs/" + instance + "/" + laterUuid).then().statusCode(200);
        Map<String, Object> marker = cdr(instance, "INBOUND", "1001", 1, start.plusSeconds(40));
        produce(laterUuid, json(later));
        produce((String) marker.get("cdrUuid"), json(marker));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cdrs/" + instance + "/"
                + marker.get("cdrUuid")).then().statusCode(200));
        given().queryParam("instance_id", instance.toString()).queryParam("size", 1000).get("/api/v1/cdrs").then()
                .body("items.findAll { it.cdr_uuid == '" + laterUuid + "' }.size()", equalTo(1));
    }

    @Test
    void aRowThatCannotBeRatedIsListedAsAFusionPbxFailureOnce() {
        awaitInstances();
        UUID bad = row("sideways", "1001", "1002", Instant.now().truncatedTo(ChronoUnit.SECONDS), 3, Instant.now());
        importer.importAll();
        importer.importAll();
        given().get("/api/v1/cdrs/" + instance + "/" + bad).then().statusCode(404);
        List<Map<String, Object>> failures = given().queryParam("source", "fusionpbx").queryParam("size", 500)
                .get("/api/v1/admin/cdr-failures").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().filter(f -> bad.toString().equals(f.get("cdr_key")))
                .toList();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).get("reason")).isEqualTo("direction 'sideways' is not inbound, outbound or local");
        assertThat(failures.get(0).get("instance_id")).isEqualTo(instance.toString());
        assertThat((String) failures.get(0).get("payload")).contains(bad.toString());
        assertThat(failures.get(0).get("topic")).isNull();
    }

    private static int total() {
        return given().queryParam("instance_id", instance.toString()).get("/api/v1/cdrs").then().statusCode(200)
                .extract().path("total");
    }

    private void awaitInstances() {
        await().atMost(PATIENCE).until(() -> instances.find(instance).isPresent()
                && instances.find(deadInstance).isPresent());
    }

    private static FusionPbxImport.InstanceRun run(List<FusionPbxImport.InstanceRun> runs, UUID id) {
        return runs.stream().filter(r -> r.instanceId().equals(id)).findFirst().orElseThrow();
    }

    private static void instanceEvent(UUID id, String name, String host, int port, String database) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("instanceId", id.toString());
        event.put("change", "CREATED");
        event.put("version", 1);
        event.put("tenantId", "acme-fpbx");
        event.put("name", name);
        event.put("hostname", host);
        event.put("pbxType", "FUSIONPBX");
        event.put("dbType", "pgsql");
        event.put("dbHost", host);
        event.put("dbPort", port);
        event.put("dbName", database);
        event.put("occurredAt", Instant.now().toString());
        kafka().produceStrings().fromRecords(new ProducerRecord<>("instance-events", id.toString(), json(event)))
                .awaitCompletion();
    }

    private static UUID row(String direction, String from, String to, Instant start, int billsec,
            Instant insertDate) {
        UUID id = UUID.randomUUID();
        rowWithUuid(id, direction, from, to, start, billsec, insertDate);
        return id;
    }

    /** A v_xml_cdr row as FusionPBX writes it: 4 s of ringing, then {@code billsec} s of talk when answered. */
    private static void rowWithUuid(UUID id, String direction, String from, String to, Instant start, int billsec,
            Instant insertDate) {
        Instant answer = billsec > 0 ? start.plusSeconds(4) : null;
        Instant end = start.plusSeconds(4 + billsec);
        String sql = "insert into v_xml_cdr (xml_cdr_uuid, domain_uuid, domain_name, extension_uuid, direction,"
                + " caller_id_name, caller_id_number, destination_number, start_epoch, start_stamp, answer_epoch,"
                + " answer_stamp, end_epoch, end_stamp, duration, billsec, hangup_cause, hangup_cause_q850, leg,"
                + " insert_date) values (?, ?, 'acme.pbx.test', ?, ?, 'Alice Example', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, 'a', ?)";
        try (Connection c = pbx.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.setObject(2, domain);
            ps.setObject(3, extension);
            ps.setString(4, direction);
            ps.setString(5, from);
            ps.setString(6, to);
            ps.setLong(7, start.getEpochSecond());
            ps.setObject(8, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            ps.setLong(9, answer == null ? 0 : answer.getEpochSecond());
            ps.setObject(10, answer == null ? null : OffsetDateTime.ofInstant(answer, ZoneOffset.UTC));
            ps.setLong(11, end.getEpochSecond());
            ps.setObject(12, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
            ps.setLong(13, 4 + billsec);
            ps.setLong(14, billsec);
            ps.setString(15, billsec > 0 ? "NORMAL_CLEARING" : "NO_ANSWER");
            ps.setInt(16, billsec > 0 ? 16 : 19);
            ps.setObject(17, OffsetDateTime.ofInstant(insertDate, ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
