package io.pbxhub.testsupport.esl;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Writes times the way FreeSWITCH does: epoch microseconds, local {@code %Y-%m-%d %T} (Event-Date-Local and the CDR
 * {@code *_stamp} variables, in the switch's time zone) and {@code %a, %d %b %Y %T GMT} (Event-Date-GMT).
 */
final class SwitchClock {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US);

    private final ZoneId zone;

    SwitchClock(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    long nowMicros() {
        return micros(Instant.now());
    }

    String local(long micros) {
        return LOCAL.format(instant(micros).atZone(zone));
    }

    static String gmt(long micros) {
        return GMT.format(instant(micros).atZone(ZoneOffset.UTC));
    }

    /** Sets Event-Date-Local, Event-Date-GMT and Event-Date-Timestamp, and the same three behind {@code prefix}. */
    void stamp(EslEvent event, String prefix, long micros) {
        event.setIfPresent(prefix + "Event-Date-Local", local(micros));
        event.setIfPresent(prefix + "Event-Date-GMT", gmt(micros));
        event.setIfPresent(prefix + "Event-Date-Timestamp", Long.toString(micros));
    }
}
