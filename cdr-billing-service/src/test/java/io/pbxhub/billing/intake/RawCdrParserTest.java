package io.pbxhub.billing.intake;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonFactory;

import io.pbxhub.contracts.RawCdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parser reads plain records field by field ({@link PlainCdrReader}); on any doubt it runs the checking pass and
 * the binding of before, so every record is accepted or refused, with the same reason, as before.
 */
class RawCdrParserTest {

    private static final String GOOD = """
            {"cdrUuid":"c-1","instanceId":"7f0c1d2e-0000-4000-8000-000000000001","tenantId":"t","source":"ESL",\
            "leg":"A","direction":"OUTBOUND","callerIdName":"Ann","callerIdNumber":"1001",\
            "destinationNumber":"61299998888","domain":"d.test","extension":"1001","startTime":"2026-03-01T08:00:00Z",\
            "answerTime":"2026-03-01T08:00:03.5Z","endTime":"2026-03-01T08:01:03Z","duration":63,"billsec":60,\
            "hangupCause":"NORMAL_CLEARING","hangupCauseQ850":16,"bridgeUuid":"b","callUuid":"u","coreUuid":"k",\
            "eventSequence":42}""";

    private static final JsonFactory JSON = new JsonFactory();

    private final RawCdrParser parser = new RawCdrParser(new Limits());

    @Test
    void theReaderKnowsEveryFieldOfTheContract() {
        // a field the reader did not know would be skipped as unknown and read as null
        for (RecordComponent component : RawCdr.class.getRecordComponents()) {
            assertThat(GOOD).as("the good record sets %s", component.getName())
                    .contains("\"" + component.getName() + "\":");
        }
        byte[] payload = GOOD.getBytes(StandardCharsets.UTF_8);
        assertThat(PlainCdrReader.read(JSON, payload)).isEqualTo(RawCdrParser.parseStrictly(payload)).isNotNull();
    }

    @Test
    void recordsOfEveryProducerAreReadPlainly() {
        String reordered = "{\"billsec\":0,\"duration\":0,\"direction\":\"LOCAL\",\"startTime\":\"2026-03-01T08:00:00.123456789Z\","
                + "\"instanceId\":\"7F0C1D2E-0000-4000-8000-00000000000A\",\"cdrUuid\":\"\\u00e9t\\u00e9\\n\\\"q\\\"\","
                + "\"answerTime\":null,\"extra\":{\"nested\":[1,{\"billsec\":null}]},\"eventSequence\":9223372036854775807}";
        byte[] payload = reordered.getBytes(StandardCharsets.UTF_8);
        RawCdr cdr = PlainCdrReader.read(JSON, payload);
        assertThat(cdr).isNotNull().isEqualTo(RawCdrParser.parseStrictly(payload));
        assertThat(cdr.cdrUuid()).isEqualTo("\u00e9t\u00e9\n\"q\"");
    }

    @Test
    void randomDamageIsAcceptedOrRefusedAsTheCheckedPathDoes() {
        Random random = new Random(20261123);
        String alphabet = "{}[]\":,0123456789-.eE+ntrufalsNTZ\\ \u00e9x";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder record = new StringBuilder(GOOD);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(record.length());
                switch (random.nextInt(3)) {
                    case 0 -> record.deleteCharAt(at);
                    case 1 -> record.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> record.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            byte[] payload = record.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(outcome(() -> parser.parse(payload))).as(record.toString())
                    .isEqualTo(outcome(() -> strictly(payload)));
        }
    }

    @Test
    void aGoodRecordBindsAsTheCheckedPathBindsIt() {
        byte[] payload = GOOD.getBytes(StandardCharsets.UTF_8);
        RawCdr cdr = parser.parse(payload);
        assertThat(cdr).isEqualTo(RawCdrParser.parseStrictly(payload));
        assertThat(cdr.billsec()).isEqualTo(60);
        assertThat(cdr.eventSequence()).isEqualTo(42L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // required fields missing, null, blank or doubled
            "-\"billsec\":60,", "-\"duration\":63,", "-\"cdrUuid\":\"c-1\",", "-\"direction\":\"OUTBOUND\",",
            "-\"startTime\":\"2026-03-01T08:00:00Z\",", "-\"instanceId\":\"7f0c1d2e-0000-4000-8000-000000000001\",",
            "\"billsec\":60>\"billsec\":null", "\"duration\":63>\"duration\":null",
            "\"cdrUuid\":\"c-1\">\"cdrUuid\":null",
            "\"cdrUuid\":\"c-1\">\"cdrUuid\":\"  \"", "\"billsec\":60>\"billsec\":\"\"",
            "\"billsec\":60>\"billsec\":\"60\"",
            "\"billsec\":60>\"billsec\":60.0", "\"billsec\":60>\"billsec\":true", "\"billsec\":60>\"billsec\":{}",
            "\"billsec\":60>\"billsec\":[60]", "\"billsec\":60>\"billsec\":-1",
            "\"billsec\":60>\"billsec\":60,\"billsec\":null",
            "\"billsec\":60>\"billsec\":null,\"billsec\":60",
            "\"cdrUuid\":\"c-1\">\"cdrUuid\":\"c-1\",\"cdrUuid\":null",
            // wrong values
            "\"direction\":\"OUTBOUND\">\"direction\":\"SIDEWAYS\"",
            "\"instanceId\":\"7f0c1d2e-0000-4000-8000-000000000001\">\"instanceId\":\"nope\"",
            "\"startTime\":\"2026-03-01T08:00:00Z\">\"startTime\":\"2026-02-30T08:00:00Z\"",
            "\"startTime\":\"2026-03-01T08:00:00Z\">\"startTime\":\"2026-03-01T10:00:00+02:00\"",
            "\"startTime\":\"2026-03-01T08:00:00Z\">\"startTime\":1772352000",
            "\"hangupCauseQ850\":16>\"hangupCauseQ850\":\"x\"",
            "\"leg\":\"A\">\"leg\":\"C\"", "\"leg\":\"A\">\"leg\":\"a\"", "\"leg\":\"A\">\"leg\":0",
            "\"instanceId\":\"7f0c1d2e-0000-4000-8000-000000000001\">\"instanceId\":\"7f0c1d2e-0-4000-8000-000000000001\"",
            "\"instanceId\":\"7f0c1d2e-0000-4000-8000-000000000001\">\"instanceId\":\"7f0c1d2e-0000-4000-8000-00000000000g\"",
            "\"instanceId\":\"7f0c1d2e-0000-4000-8000-000000000001\">\"instanceId\":\"7f0c1d2e+0000-4000-8000-000000000001\"",
            "\"instanceId\":\"7f0c1d2e-0000-4000-8000-000000000001\">\"instanceId\":\"\"",
            "\"billsec\":60>\"billsec\":99999999999999999999", "\"billsec\":60>\"billsec\":060",
            "\"hangupCauseQ850\":16>\"hangupCauseQ850\":3000000000", "\"hangupCauseQ850\":16>\"hangupCauseQ850\":null",
            "\"eventSequence\":42>\"eventSequence\":99999999999999999999",
            "\"callerIdName\":\"Ann\">\"callerIdName\":7",
            "\"callerIdName\":\"Ann\">\"callerIdName\":[\"Ann\"]",
            "\"domain\":\"d.test\">\"domain\":\"d.test\",\"domain\":\"e\"",
            "\"eventSequence\":42>\"eventSequence\":null",
            "\"unknown\":1>\"unknown\":{\"a\":[1,2]}",
            // not one JSON object
            "=null", "=[]", "=[{}]", "=\"text\"", "=42", "={}", "={\"cdrUuid\":\"x\"}", "=GOOD{}", "=GOOD GOOD",
            "=GOOD]", "=GOOD,", "={not json", "=GOOD-half", "={\"billsec\":60,,}", "=\u00ef\u00bb\u00bfGOOD"})
    void anyOtherRecordIsAcceptedOrRefusedAsTheCheckedPathDoes(String change) {
        byte[] payload = apply(change).getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(() -> parser.parse(payload))).isEqualTo(outcome(() -> strictly(payload)));
    }

    @Test
    void aMissingBillsecIsNamed() {
        byte[] payload = apply("-\"billsec\":60,").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(payload)).isInstanceOf(RejectedCdrException.class)
                .hasMessage("billsec is missing");
    }

    /** {@code -x} removes x, {@code a>b} replaces a by b, {@code =text} is the record (GOOD = the good one). */
    private static String apply(String change) {
        if (change.startsWith("-")) {
            return GOOD.replace(change.substring(1), "");
        }
        if (change.startsWith("=")) {
            String text = change.substring(1);
            return text.endsWith("-half") ? GOOD.substring(0, GOOD.length() / 2) : text.replace("GOOD", GOOD);
        }
        String[] parts = change.split(">", 2);
        String changed = GOOD.replace(parts[0], parts[1]);
        return changed.equals(GOOD) ? GOOD.replace("\"eventSequence\":42", parts[1]) : changed;
    }

    private static RawCdr strictly(byte[] payload) {
        return RawCdrParser.validate(RawCdrParser.parseStrictly(payload));
    }

    private static String outcome(java.util.function.Supplier<RawCdr> parse) {
        try {
            return "accepted " + parse.get();
        } catch (RejectedCdrException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static final class Limits implements IntakeConfig {

        @Override
        public int maxCdrBytes() {
            return 65536;
        }

        @Override
        public int failurePayloadChars() {
            return 4096;
        }

        @Override
        public int storeAttempts() {
            return 1;
        }

        @Override
        public Duration storeRetryDelay() {
            return Duration.ZERO;
        }
    }
}
