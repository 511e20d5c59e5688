package io.pbxhub.billing.intake;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UtcInstantDeserializerTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addDeserializer(Instant.class, new UtcInstantDeserializer())).build();

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T16:05:30Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
            "2026-11-23T16:05:30.1Z", "2026-11-23T16:05:30.120Z", "2026-11-23T16:05:30.123456Z",
            "2026-11-23T16:05:30.123456789Z", "1969-12-31T23:59:59.999Z"})
    void readsTheUtcFormAsInstantParseDoes(String text) throws Exception {
        assertThat(UtcInstantDeserializer.parseUtc(text)).isEqualTo(Instant.parse(text));
        assertThat(JSON.readValue("\"" + text + "\"", Instant.class)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T16:05:30+02:00", "2026-11-23T16:05:30.5+00:00", "2026-11-23T16:05Z",
            "2026-02-30T10:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T16:05:30.Z", "2026-11-23T16:05:30.1234567890Z",
            "2026-11-23 16:05:30Z", "2026-1a-23T16:05:30Z", ""})
    void leavesEveryOtherFormToJackson(String text) {
        assertThat(UtcInstantDeserializer.parseUtc(text)).isNull();
    }

    @Test
    void otherFormsAreStillReadOrRefusedByJackson() throws Exception {
        assertThat(JSON.readValue("\"2026-11-23T18:05:30+02:00\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-23T16:05:30Z"));
        assertThat(JSON.readValue("1700000000", Instant.class)).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThatThrownBy(() -> JSON.readValue("\"2026-02-30T10:00:00Z\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
