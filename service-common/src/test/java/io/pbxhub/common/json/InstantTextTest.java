package io.pbxhub.common.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import static org.assertj.core.api.Assertions.assertThat;

class InstantTextTest {

    @Test
    void writesWhatInstantToStringWritesForEveryKindOfFraction() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2026-11-23T20:00:00.100Z"), Instant.parse("2026-11-23T20:00:00.000100Z"),
                Instant.parse("2026-11-23T20:00:00.000000100Z"), Instant.parse("2024-02-29T23:59:59.5Z")));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1);
            if (i % 2 == 0) {
                // mostly this century, in time order as records come, so the kept second is hit and missed
                second = 1_700_000_000L + i / 7;
            }
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nano));
        }

        char[] out = new char[InstantText.MAX_LENGTH];
        for (Instant instant : instants) {
            assertThat(new String(out, 0, InstantText.write(instant, out))).isEqualTo(instant.toString());
            assertThat(new String(InstantText.ascii(instant), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(instant.toString());
        }
    }

    @Test
    void theMappersJsonIsTheSameAsJacksonsOwn() throws Exception {
        ObjectMapper jacksons = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper ours = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new InstantTextCustomizer().customize(ours);
        record Stamped(String name, Instant at, List<Instant> more) {
        }
        Stamped value = new Stamped("a", Instant.parse("2026-11-23T20:00:00.123456Z"),
                List.of(Instant.EPOCH, Instant.parse("1999-12-31T23:59:59.000000001Z")));

        assertThat(ours.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(InstantTextSerializer.class);
        assertThat(ours.writeValueAsString(value)).isEqualTo(jacksons.writeValueAsString(value))
                .contains("\"2026-11-23T20:00:00.123456Z\"");
    }
}
