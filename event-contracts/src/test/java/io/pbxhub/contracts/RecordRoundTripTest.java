package io.pbxhub.contracts;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What a producer writes, a consumer reads back as the same record. */
class RecordRoundTripTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void fullRecordSurvivesJsonUnchanged(EventType type) {
        Record full = Samples.full(type);
        assertThat(TopicJson.read(TopicJson.write(full), type.recordType())).isEqualTo(full);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void minimalRecordSurvivesJsonWithItsNullsIntact(EventType type) {
        Record minimal = Samples.minimal(type);
        assertThat(TopicJson.read(TopicJson.write(minimal), type.recordType())).isEqualTo(minimal);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void consumerOnThisVersionToleratesAFieldAddedLater(EventType type) {
        ObjectNode json = (ObjectNode) TopicJson.tree(Samples.full(type));
        json.put("addedInV2", "ignored by v1 readers");
        assertThat(TopicJson.read(json.toString(), type.recordType())).isEqualTo(Samples.full(type));
    }

    @Test
    void chargeTravelsAsAnExactDecimalString() {
        JsonNode json = TopicJson.tree(Samples.full(EventType.CDR_RATED));
        assertThat(json.path("charge").isTextual()).isTrue();
        assertThat(json.path("charge").asText()).isEqualTo("0.2500");

        RatedCdr read = TopicJson.read(json.toString(), RatedCdr.class);
        // Scale survives: 0.2500 does not come back as 0.25 or as the double 0.25000000000000001.
        assertThat(read.charge()).isEqualTo(new BigDecimal("0.2500"));
    }

    @Test
    void instantsKeepMicrosecondsAndTravelAsUtcText() {
        JsonNode json = TopicJson.tree(Samples.full(EventType.CDR_RAW));
        assertThat(json.path("startTime").asText()).isEqualTo("2015-01-06T15:12:37.855728Z");
        assertThat(json.path("duration").isIntegralNumber()).isTrue();
    }

    @Test
    void jsonFieldNamesAreTheRecordComponentNames() {
        JsonNode json = TopicJson.tree(Samples.full(EventType.CDR_RAW));
        assertThat(RecordSchemaTest.fieldNames(json)).contains("cdrUuid", "hangupCauseQ850", "callerIdNumber")
                .doesNotContain("cdr_uuid", "hangup_cause_q850");
    }
}
