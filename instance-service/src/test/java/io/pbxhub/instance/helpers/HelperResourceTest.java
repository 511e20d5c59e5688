package io.pbxhub.instance.helpers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class HelperResourceTest {

    @Test
    void countriesAreTheIsoCountriesWithTheirDialingCodes() {
        List<Map<String, String>> countries = given().get("/api/v1/helpers/3cxCountries").then().statusCode(200)
                .contentType(containsString("application/json")).header("Cache-Control", containsString("max-age"))
                .extract().jsonPath().getList("$");

        Set<String> iso = Set.copyOf(Arrays.asList(Locale.getISOCountries()));
        assertThat(countries).hasSizeGreaterThan(240).allSatisfy(c -> {
            assertThat(iso).contains(c.get("code"));
            assertThat(c.get("name")).isEqualTo(new Locale("", c.get("code")).getDisplayCountry(Locale.ENGLISH));
            assertThat(c.get("dialing_code")).matches("\\+[1-9][0-9]{0,3}");
        });
        assertThat(countries.stream().map(c -> c.get("code")).distinct().count()).isEqualTo(countries.size());
        Map<String, String> codes = countries.stream()
                .collect(Collectors.toMap(c -> c.get("code"), c -> c.get("dialing_code")));
        assertThat(codes).containsEntry("FR", "+33").containsEntry("US", "+1").containsEntry("GB", "+44")
                .containsEntry("DE", "+49").containsEntry("BE", "+32").containsEntry("CH", "+41")
                .containsEntry("JP", "+81").containsEntry("IN", "+91").containsEntry("BR", "+55")
                .containsEntry("ZA", "+27").containsEntry("AU", "+61").containsEntry("RU", "+7")
                .containsEntry("KZ", "+7").containsEntry("JM", "+1").doesNotContainKey("BV");
    }

    @Test
    void openDestinationsListTheRoutingTypesAndEmergencyNumbers() {
        List<Map<String, String>> destinations = given().get("/api/v1/helpers/3cxOpenDestinations").then()
                .statusCode(200).extract().jsonPath().getList("$");

        assertThat(destinations.stream().filter(d -> "destination_type".equals(d.get("category")))
                .map(d -> d.get("type"))).containsExactly("extension", "queue", "ring_group", "ivr", "voicemail",
                        "external_number");
        List<Map<String, String>> emergency = destinations.stream()
                .filter(d -> "emergency_number".equals(d.get("category"))).toList();
        assertThat(emergency).allSatisfy(e -> {
            assertThat(Locale.getISOCountries()).contains(e.get("country_code"));
            assertThat(e.get("number")).matches("[0-9]{2,5}");
            assertThat(e.get("type")).isEqualTo("external_number");
        });
        assertThat(emergency).anySatisfy(e -> assertThat(e).containsEntry("country_code", "US")
                .containsEntry("number", "911"));
        assertThat(emergency).anySatisfy(e -> assertThat(e).containsEntry("country_code", "GB")
                .containsEntry("number", "999"));
        assertThat(emergency).anySatisfy(e -> assertThat(e).containsEntry("country_code", "AU")
                .containsEntry("number", "000"));
        // 112 reaches emergency services in every EU member state (European Electronic Communications Code).
        for (String eu : List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
                "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")) {
            assertThat(emergency).as(eu).anySatisfy(e -> assertThat(e).containsEntry("country_code", eu)
                    .containsEntry("number", "112"));
        }
    }
}
