package io.pbxhub.esl.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The index-only event: lookups by bytes, values decoded only when read. */
class EslEventTest {

    private static EslEvent parse(String plain) {
        return EslEvent.parsePlain(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstOfDuplicateHeadersWinsForEveryLookup() {
        EslEvent event = parse("Event-Name: CUSTOM\nvariable_x: first\nvariable_x: second\n\n");

        assertThat(event.get("variable_x")).isEqualTo("first");
        assertThat(event.raw("variable_x")).isEqualTo("first");
        assertThat(event.headerCount()).isEqualTo(3);
        assertThat(event.rawHeaders()).containsExactly(Map.entry("Event-Name", "CUSTOM"),
                Map.entry("variable_x", "first"));
    }

    @Test
    void aPercentAtTheEndOfAValueIsKeptAndAnEscapeThereIsDecoded() {
        EslEvent event = parse("Event-Name: X\nA: 50%\nB: 50%4\nC: 50%41\nD: %\n\n");

        assertThat(event.get("A")).isEqualTo("50%");
        assertThat(event.get("B")).isEqualTo("50%4");
        assertThat(event.get("C")).isEqualTo("50A");
        assertThat(event.get("D")).isEqualTo("%");
    }

    @Test
    void multiByteUtf8InValuesDecodesWhetherEscapedOrSentAsIs() {
        EslEvent event = parse("Event-Name: X\nCaller-Caller-ID-Name: Zo%C3%AB%20%E6%97%A5%E6%9C%AC\n"
                + "variable_raw: Grüße 日本\nvariable_mixed: 日%20本\n\n");

        assertThat(event.get("Caller-Caller-ID-Name")).isEqualTo("Zoë 日本");
        assertThat(event.raw("Caller-Caller-ID-Name")).isEqualTo("Zo%C3%AB%20%E6%97%A5%E6%9C%AC");
        assertThat(event.get("variable_raw")).isEqualTo("Grüße 日本");
        assertThat(event.get("variable_mixed")).isEqualTo("日 本");
    }

    @Test
    void lookupsThatMissReturnNullWithoutMatchingPrefixesOrOtherCase() {
        EslEvent event = parse("Event-Name: X\nUnique-ID: u1\nnamé: v\n\n");

        assertThat(event.get("Event-Nam")).isNull();
        assertThat(event.get("Event-Name2")).isNull();
        assertThat(event.get("event-name")).isNull();
        assertThat(event.get("")).isNull();
        assertThat(event.raw("Unique-Id")).isNull();
        assertThat(event.has("Unique-ID")).isTrue();
        assertThat(event.has("Unique-I")).isFalse();
        // Non-ASCII names are compared as UTF-8 bytes.
        assertThat(event.get("namé")).isEqualTo("v");
        assertThat(event.get("namè")).isNull();
    }

    @Test
    void namesAreTrimmedValuesLoseOnlyLeadingSpacesAndTabsAreAllowed() {
        EslEvent event = parse(" Event-Name :  X \nVar:\ta\tb\r\nEmpty:\n\n");

        assertThat(event.raw("Event-Name")).isEqualTo("X ");
        assertThat(event.get("Var")).isEqualTo("\ta\tb");
        assertThat(event.get("Empty")).isEmpty();
    }

    @Test
    void theNestedBodyFollowsTheBlankLineForItsContentLength() {
        EslEvent event = parse("Event-Name: BACKGROUND_JOB\r\nContent-Length: 4\r\n\r\n+OK\nignored");

        assertThat(event.body()).isEqualTo("+OK\n");
        assertThatThrownBy(() -> parse("Event-Name: BACKGROUND_JOB\nContent-Length: 40\n\n+OK\n"))
                .isInstanceOf(EslProtocolException.class).hasMessageContaining("shorter");
    }

    @Test
    void controlBytesOutsideLineEndsAndLinesWithoutNameOrColonAreProtocolErrors() {
        assertThatThrownBy(() -> parse("Event-Name: X\nA: a\rb\n\n")).isInstanceOf(EslProtocolException.class)
                .hasMessageContaining("control byte 0xd");
        assertThatThrownBy(() -> parse("Event-Name: X\nA: a\u0000b\n\n")).hasMessageContaining("control byte 0x0");
        assertThatThrownBy(() -> parse("Event-Name: X\nA: a\u007Fb\n\n")).hasMessageContaining("control byte 0x7f");
        assertThatThrownBy(() -> parse("Event-\u0001Name: X\n\n")).hasMessageContaining("control byte 0x1");
        assertThatThrownBy(() -> parse("Event-Name: X\n: v\n\n")).hasMessageContaining("malformed header line");
        assertThatThrownBy(() -> parse("Event-Name: X\n  : v\n\n")).hasMessageContaining("without a name");
        assertThatThrownBy(() -> parse("Event-Name: X\nno colon\n\n")).hasMessageContaining("malformed header line");
        assertThatThrownBy(() -> parse("\n")).hasMessageContaining("without headers");
    }

    @Test
    void anEventBuiltFromAMapAnswersLikeAParsedOne() {
        EslEvent parsed = WireCaptures.event(WireCaptures.EXAMPLE1, "CHANNEL_CREATE", 0);
        EslEvent built = new EslEvent(new LinkedHashMap<>(parsed.rawHeaders()), null);

        assertThat(built.rawHeaders()).isEqualTo(parsed.rawHeaders());
        for (String name : parsed.rawHeaders().keySet()) {
            assertThat(built.get(name)).as(name).isEqualTo(parsed.get(name));
        }
        assertThat(built.get("No-Such-Header")).isNull();
    }

    @Test
    void theWordAtATimeScanFindsWhatAByteLoopFinds() {
        Random random = new Random(7);
        byte[] alphabet = {'a', ' ', ':', '%', '\t', '\n', '\r', 0x00, 0x1F, 0x20, 0x3A, 0x7E, 0x7F, (byte) 0x80,
                (byte) 0xBA, (byte) 0xC3, (byte) 0xFF, (byte) 0x9F, (byte) 0xA0};
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly plain text, so matches sit at every offset of a word.
                bytes[i] = random.nextInt(6) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int knownColon = random.nextBoolean() ? -1 : from;
            int stop = bytes.length;
            int colon = knownColon;
            for (int i = from; i < bytes.length; i++) {
                int b = bytes[i] & 0xFF;
                if (b < 0x20 || b == 0x7F) {
                    stop = i;
                    break;
                }
                if (b == ':' && colon < 0) {
                    colon = i;
                }
            }
            long scanned = EslEvent.scan(bytes, from, bytes.length, knownColon);
            assertThat((int) scanned).as("stop, round %d", round).isEqualTo(stop);
            assertThat((int) (scanned >> 32)).as("colon, round %d", round).isEqualTo(colon);
        }
    }

    @Test
    void theLineIndexMatchesALineByLineParserOnRandomHeaderBlocks() {
        // Names and values of every length around the 8-byte words, with colons, blanks and control bytes anywhere, so
        // each way out of the word scan is taken, at every offset of a word.
        Random random = new Random(11);
        byte[] rare = {':', ' ', '\t', '\r', '\n', 0x01, 0x1F, 0x7F, (byte) 0xC3, (byte) 0xA9};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder block = new StringBuilder();
            int lines = 1 + random.nextInt(4);
            for (int l = 0; l < lines; l++) {
                block.append("x".repeat(random.nextInt(40))).append(':').append(' ')
                        .append("v".repeat(random.nextInt(50))).append(random.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            byte[] bytes = block.toString().getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++) {
                if (random.nextInt(40) == 0) {
                    bytes[i] = rare[random.nextInt(rare.length)];
                }
            }
            int to = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
            byte[] input = Arrays.copyOf(bytes, to);
            assertThat(outcome(() -> {
                EslEvent event = EslEvent.parsePlain(input);
                return event.headerCount() + " " + event.rawHeaders();
            })).as("round %d: %s", round, new String(input, StandardCharsets.ISO_8859_1))
                    .isEqualTo(outcome(() -> parseLineByLine(input)));
        }
    }

    @Test
    void theFastPathsWordTestsFlagTheFirstControlByteAndColonExactly() {
        // Only the first flag is exact: a 0xFF byte carries into the next (0x7E then looks like 0x7F), which the fast
        // path must never take for a line end it has not checked.
        Random random = new Random(13);
        byte[] alphabet = {'a', ' ', ':', '\t', '\n', '\r', 0x00, 0x1F, 0x20, 0x3A, 0x39, 0x3B, 0x7E, 0x7F,
                (byte) 0x80, (byte) 0xBA, (byte) 0xFE, (byte) 0xFF};
        for (int round = 0; round < 50_000; round++) {
            byte[] bytes = new byte[Long.BYTES];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(3) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
            }
            long w = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int control = Long.BYTES;
            int colon = Long.BYTES;
            boolean ff = false;
            for (int i = Long.BYTES - 1; i >= 0; i--) {
                int b = bytes[i] & 0xFF;
                if (b < 0x20 || b == 0x7F) {
                    control = i;
                }
                if (b == ':') {
                    colon = i;
                }
            }
            for (int i = 0; i < control; i++) {
                ff |= bytes[i] == (byte) 0xFF;
            }
            int stopFlag = Long.numberOfTrailingZeros(EslEvent.lineStops(w)) >>> 3;
            int colonFlag = Long.numberOfTrailingZeros(EslEvent.colonsFrom(w)) >>> 3;
            assertThat(colonFlag).as("colon, round %d", round).isEqualTo(colon);
            if (ff) {
                assertThat(stopFlag).as("stop after 0xFF, round %d", round).isLessThanOrEqualTo(control);
            } else {
                assertThat(stopFlag).as("stop, round %d", round).isEqualTo(control);
            }
        }
    }

    @Test
    void linesWithBytesThatFoolTheWordTestsIndexLikeALineByLineParser() {
        // Usual lines (the fast path) mixed with 0xFF before 0x7E and the other bytes the fast path hands on, at every
        // offset of a word and near the end of the block.
        Random random = new Random(17);
        byte[] rare = {(byte) 0xFF, 0x7E, (byte) 0xFF, 0x7E, 0x7F, ':', ' ', '\t', '\r', '\n', 0x1F, (byte) 0xFE};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder block = new StringBuilder();
            int lines = 1 + random.nextInt(6);
            for (int l = 0; l < lines; l++) {
                block.append("n".repeat(1 + random.nextInt(30))).append(": ").append("v".repeat(random.nextInt(40)))
                        .append('\n');
            }
            byte[] bytes = block.toString().getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++) {
                if (random.nextInt(30) == 0) {
                    bytes[i] = rare[random.nextInt(rare.length)];
                }
            }
            assertThat(outcome(() -> {
                EslEvent event = EslEvent.parsePlain(bytes);
                return event.headerCount() + " " + event.rawHeaders();
            })).as("round %d: %s", round, new String(bytes, StandardCharsets.ISO_8859_1))
                    .isEqualTo(outcome(() -> parseLineByLine(bytes)));
        }
    }

    /** The rules of a plain event's header block, one line at a time through the outer frame's line parser. */
    private static String parseLineByLine(byte[] bytes) {
        Map<String, String> headers = new LinkedHashMap<>();
        int count = 0;
        int pos = 0;
        while (pos < bytes.length && !lineEndAt(bytes, pos)) {
            int end = pos;
            while (end < bytes.length && !lineEndAt(bytes, end)) {
                end++;
            }
            EslHeaderLine.parse(bytes, pos, end, headers);
            count++;
            pos = end == bytes.length ? end : Math.min(end + (bytes[end] == '\r' ? 2 : 1), bytes.length);
        }
        if (count == 0) {
            throw new EslProtocolException("event without headers");
        }
        return count + " " + headers;
    }

    private static boolean lineEndAt(byte[] bytes, int i) {
        return bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] == '\n'));
    }

    /** The result, or the kind of protocol error (its message up to the quoted line, which each parser cuts apart). */
    private static String outcome(Supplier<String> parse) {
        try {
            return parse.get();
        } catch (EslProtocolException e) {
            return "error: " + e.getMessage().replaceAll("(?s):.*", "");
        }
    }
}
