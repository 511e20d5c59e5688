package io.pbxhub.common.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC, the fraction in groups of three digits, as
 * {@link DateTimeFormatter#ISO_INSTANT} writes it) without the formatter's general machinery: every record the services
 * publish carries a time or two, and {@code DateTimeFormatter} took ~5 % of esl-ingest's event loops. The date and time
 * of the last second written are kept, since records come in time order; only the fraction is written per call.
 */
public final class InstantText {

    /** Enough for any {@link Instant}, e.g. {@code -1000000000-01-01T00:00:00.000000001Z}. */
    public static final int MAX_LENGTH = 48;

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: outside, the year has a sign or more digits. */
    private static final long FIRST_SECOND = -62167219200L;
    private static final long LAST_SECOND = 253402300799L;
    private static final DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final int SECOND_LENGTH = 19;

    private record Second(long epochSecond, char[] text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, new char[0]);

    private InstantText() {
    }

    /** Writes the text of {@code instant} into {@code out} from index 0 and returns its length. */
    public static int write(Instant instant, char[] out) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_SECOND || epochSecond > LAST_SECOND) {
            String text = instant.toString();
            text.getChars(0, text.length(), out, 0);
            return text.length();
        }
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, TO_THE_SECOND
                    .format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC)).toCharArray());
            last = second;
        }
        System.arraycopy(second.text(), 0, out, 0, SECOND_LENGTH);
        int length = SECOND_LENGTH;
        int nano = instant.getNano();
        if (nano > 0) {
            int digits;
            int value;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                value = nano / 1_000_000;
            } else if (nano % 1_000 == 0) {
                digits = 6;
                value = nano / 1_000;
            } else {
                digits = 9;
                value = nano;
            }
            out[length++] = '.';
            for (int i = length + digits - 1; i >= length; i--) {
                out[i] = (char) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
        }
        out[length++] = 'Z';
        return length;
    }

    /** The text as ASCII bytes, e.g. for a Kafka header. */
    public static byte[] ascii(Instant instant) {
        char[] text = new char[MAX_LENGTH];
        int length = write(instant, text);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) text[i];
        }
        return bytes;
    }
}
