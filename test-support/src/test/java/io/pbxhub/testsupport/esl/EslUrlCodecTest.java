package io.pbxhub.testsupport.esl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** switch_url_encode's rules, and proof against every value FreeSWITCH itself wrote in the captures. */
class EslUrlCodecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "Extension 1001 Müller|Extension%201001%20M%C3%BCller",
            "1001@pbx.example.com|1001%40pbx.example.com",
            "a:b;c=d?e&f+g#h|a%3Ab%3Bc%3Dd%3Fe%26f%2Bg%23h",
            "<sip:x>[y]{z}|%3Csip%3Ax%3E%5By%5D%7Bz%7D",
            "'\"q\" \\ ^ ` |'|%22q%22%20%5C%20%5E%20%60%20%7C",
            "safe ,/()*-._~!$|safe%20,/()*-._~!$",
            "already %41 encoded|already%20%41%20encoded",
            "lower %4a and lone %|lower%20%254a%20and%20lone%20%25",
            "ends in %4|ends%20in%20%254"})
    void encodesLikeSwitchUrlEncode(String decoded, String encoded) {
        assertThat(EslUrlCodec.encode(decoded)).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F})
    void controlCharactersAndDeleteAreEscapedWithUppercaseHex(int c) {
        assertThat(EslUrlCodec.encode("x" + (char) c)).isEqualTo(String.format(Locale.ROOT, "x%%%02X", c));
    }

    @ParameterizedTest
    @ValueSource(strings = {EventCaptures.CHANNEL_CREATE, EventCaptures.CHANNEL_ANSWER, EventCaptures.CHANNEL_HANGUP,
            EventCaptures.INBOUND_SESSION})
    void reencodingEveryCapturedValueGivesBackFreeSwitchsOwnBytes(String resource) throws IOException {
        String wire;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            wire = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (String line : wire.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon <= 0 || line.startsWith("Content-") || line.startsWith("Reply-Text")) {
                continue;
            }
            String raw = line.substring(colon + 2);
            assertThat(EslUrlCodec.encode(EslUrlCodec.decode(raw))).as(line).isEqualTo(raw);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }
}
