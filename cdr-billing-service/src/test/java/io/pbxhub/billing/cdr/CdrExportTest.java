package io.pbxhub.billing.cdr;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class CdrExportTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aDayIsExportedAsJsonCsvAndXmlWithTheSpecsResponseFields() {
        // A day no other test or run uses, so the export holds exactly this test's CDRs.
        LocalDate day = LocalDate.of(1990, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(10_000));
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        UUID instance = UUID.randomUUID();
        Map<String, Object> first = cdr(instance, "OUTBOUND", "15550001", 61, start.plusSeconds(10));
        first.put("callerIdName", "Smith, \"Bob\"");
        Map<String, Object> second = cdr(instance, "INBOUND", "1001", 30, start.plusSeconds(86_399));
        second.put("callerIdName", "=HYPERLINK(\"x\")");
        Map<String, Object> nextDay = cdr(instance, "OUTBOUND", "15550002", 10, start.plusSeconds(86_400));
        for (Map<String, Object> c : new Map[]{first, second, nextDay}) {
            produce((String) c.get("cdrUuid"), json(c));
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/cdrs/" + instance + "/"
                + nextDay.get("cdrUuid")).then().statusCode(200));

        given().queryParam("date_start", day.toString()).queryParam("date_end", day.toString())
                .get("/api/v1/cdrs/export").then().statusCode(200).contentType(startsWith("application/json"))
                .body("status", equalTo("success")).body("message", equalTo("CDR export completed"))
                .body("total_records", equalTo(2)).body("date_range", equalTo(day + " to " + day))
                .body("export_format", equalTo("JSON"))
                .body("records.cdr_uuid", contains(first.get("cdrUuid"), second.get("cdrUuid")))
                .body("records[0].billsec", equalTo(61)).body("records[0].charge", equalTo("0.000000"))
                .body("records[1].direction", equalTo("INBOUND"));

        String csv = given().queryParam("date_start", day.toString()).queryParam("date_end", day.toString())
                .queryParam("format", "csv").get("/api/v1/cdrs/export").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("cdr_uuid,instance_id,tenant_id,account_id,direction,caller_id_name,");
        assertThat(lines[1])
                .startsWith(first.get("cdrUuid") + "," + instance + ",acme,,OUTBOUND,\"Smith, \"\"Bob\"\"\",");
        assertThat(lines[2]).contains(",\"'=HYPERLINK(\"\"x\"\")\",");

        given().queryParam("date_start", day.toString()).queryParam("date_end", day.plusDays(1).toString())
                .queryParam("format", "XML").get("/api/v1/cdrs/export").then().statusCode(200)
                .contentType(startsWith("application/xml")).body("cdr_export.total_records", equalTo("3"))
                .body("cdr_export.export_format", equalTo("XML"))
                .body("cdr_export.records.cdr[2].cdr_uuid", equalTo(nextDay.get("cdrUuid")));
    }

    @Test
    void badParametersAreNamed() {
        given().queryParam("date_end", "2024-01-31").get("/api/v1/cdrs/export").then().statusCode(400)
                .body("message", containsString("date_start"));
        given().queryParam("date_start", "2024-02-01").queryParam("date_end", "2024-01-31").get("/api/v1/cdrs/export")
                .then().statusCode(400).body("message", containsString("date_end"));
        given().queryParam("date_start", "2024-01-01").queryParam("date_end", "2024-01-31").queryParam("format", "PDF")
                .get("/api/v1/cdrs/export").then().statusCode(400).body("message", containsString("format"));
        given().queryParam("date_start", "yesterday").queryParam("date_end", "2024-01-31").get("/api/v1/cdrs/export")
                .then().statusCode(400).body("message", containsString("date_start"));
    }
}
