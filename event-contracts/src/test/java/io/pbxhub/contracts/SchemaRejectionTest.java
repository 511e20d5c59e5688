package io.pbxhub.contracts;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas refuse what a consumer must never have to handle: a record that is incomplete, mistyped or unknown. */
class SchemaRejectionTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyRequiredFieldIsEnforced(EventType type) {
        SoftAssertions softly = new SoftAssertions();
        for (String field : RecordSchemaTest.required(type)) {
            Set<ValidationMessage> errors = errors(type, Samples.full(type), json -> json.remove(field));
            softly.assertThat(errors).as("without " + field)
                    .anyMatch(e -> e.getType().equals("required") && field.equals(e.getProperty()));
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownPropertyIsRejected(EventType type) {
        assertRejectedBy("additionalProperties", type, json -> json.put("priority", "high"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void enumFieldsRejectUnknownAndLowerCaseValues(EventType type) {
        JsonNode properties = ContractSchemas.schemaNode(type).path("properties");
        SoftAssertions softly = new SoftAssertions();
        RecordSchemaTest.fieldNames(properties).stream().filter(name -> properties.path(name).has("enum"))
                .forEach(name -> {
                    String valid = properties.path(name).path("enum").get(0).asText();
                    for (String bad : new String[]{"NOT_A_VALUE", valid.toLowerCase(Locale.ROOT), ""}) {
                        softly.assertThat(errors(type, Samples.full(type), json -> json.put(name, bad)))
                                .as(name + "=" + bad).anyMatch(e -> e.getType().equals("enum"));
                    }
                });
        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void optionalFieldIsLeftOutNotNull(EventType type) {
        String optional = RecordSchemaTest.componentNames(type).stream()
                .filter(name -> !RecordSchemaTest.required(type).contains(name)).findFirst().orElseThrow();
        assertRejectedBy("type", type, json -> json.putNull(optional));
    }

    @Test
    void passwordCannotTravelWithTheInstanceSettings() {
        assertRejectedBy("additionalProperties", EventType.INSTANCE_EVENT,
                json -> json.put("eslPassword", "ClueCon"));
        assertRejectedBy("additionalProperties", EventType.INSTANCE_EVENT,
                json -> json.put("dbPassword", "s3cret"));
    }

    @Test
    void moneyAsAJsonNumberIsRejected() {
        assertRejectedBy("type", EventType.CDR_RATED, json -> json.put("charge", 0.25));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+2", "2.5E-7", "-0.25", "0,25", "", " 0.25", "0.25 AUD", ".5", "01.50", "1,000.00",
            "NaN"})
    void moneyThatIsNotAPlainNonNegativeDecimalIsRejected(String charge) {
        assertRejectedBy("pattern", EventType.CDR_RATED, json -> json.put("charge", charge));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "0.2500", "1234.5678", "10"})
    void plainDecimalMoneyIsAccepted(String charge) {
        assertThat(errors(EventType.CDR_RATED, Samples.full(EventType.CDR_RATED), json -> json.put("charge", charge)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aud", "AU", "A$", "AUDD"})
    void currencyMustBeAnIsoCode(String currency) {
        assertRejectedBy("pattern", EventType.CDR_RATED, json -> json.put("currency", currency));
    }

    @Test
    void freeSwitchLocalTimestampsAndEpochsAreNotInstants() {
        // FreeSWITCH start_stamp is local time without a zone; *_epoch is a number. Neither is an Instant.
        assertRejectedBy("format", EventType.CDR_RAW, json -> json.put("startTime", "2015-01-06 15:12:37"));
        assertRejectedBy("type", EventType.CDR_RAW, json -> json.put("endTime", 1420557168));
    }

    @Test
    void idThatIsNotAUuidIsRejected() {
        assertRejectedBy("format", EventType.CDR_RAW, json -> json.put("instanceId", "fusionpbx-1"));
        assertRejectedBy("format", EventType.SYNC_RESULT, json -> json.put("runId", "42"));
    }

    @Test
    void negativeDurationsAndCountsAreRejected() {
        // Clock skew between start and end stamps must not reach billing as a negative duration.
        assertRejectedBy("minimum", EventType.CDR_RAW, json -> json.put("duration", -1));
        assertRejectedBy("minimum", EventType.CDR_RAW, json -> json.put("billsec", -3));
        assertRejectedBy("minimum", EventType.CDR_RATED, json -> json.put("billedSeconds", -60));
        assertRejectedBy("minimum", EventType.SYNC_RESULT, json -> json.put("failed", -1));
    }

    @Test
    void fractionalSecondsAreRejected() {
        assertRejectedBy("type", EventType.CDR_RAW, json -> json.put("billsec", 10.5));
    }

    @Test
    void sipStatusIsNotAQ850Cause() {
        assertRejectedBy("maximum", EventType.CDR_RAW, json -> json.put("hangupCauseQ850", 487));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65536})
    void portOutsideTcpRangeIsRejected(int port) {
        assertRejectedBy(port == 0 ? "minimum" : "maximum", EventType.INSTANCE_EVENT,
                json -> json.put("eslPort", port));
    }

    @Test
    void singleSyncMustNameItsExtension() {
        Set<ValidationMessage> errors = errors(EventType.SYNC_REQUEST, Samples.full(EventType.SYNC_REQUEST),
                json -> json.remove("extensionId"));
        assertThat(errors).anyMatch(e -> e.getType().equals("required") && "extensionId".equals(e.getProperty()));
    }

    @Test
    void itemErrorMustSayWhichExtensionFailedAndWhy() {
        assertRejectedBy("required", EventType.SYNC_RESULT,
                json -> ((ObjectNode) ((ArrayNode) json.get("errors")).get(0)).remove("reason"));
        assertRejectedBy("additionalProperties", EventType.SYNC_RESULT,
                json -> ((ObjectNode) ((ArrayNode) json.get("errors")).get(1)).put("code", 409));
        assertRejectedBy("type", EventType.SYNC_RESULT,
                json -> ((ArrayNode) json.get("errors")).add("1005 failed"));
    }

    @Test
    void emptyStringIsNotAnId() {
        assertRejectedBy("minLength", EventType.CALL_EVENT, json -> json.put("callUuid", ""));
        assertRejectedBy("minLength", EventType.PRESENCE, json -> json.put("extension", ""));
    }

    private static void assertRejectedBy(String keyword, EventType type, Consumer<ObjectNode> change) {
        Set<ValidationMessage> errors = errors(type, Samples.full(type), change);
        assertThat(errors).as("errors of %s", type).isNotEmpty().anyMatch(e -> e.getType().equals(keyword));
    }

    private static Set<ValidationMessage> errors(EventType type, Record sample, Consumer<ObjectNode> change) {
        ObjectNode json = (ObjectNode) TopicJson.tree(sample);
        change.accept(json);
        return ContractSchemas.validate(type, json);
    }
}
