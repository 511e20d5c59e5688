package io.pbxhub.esl.call;

import java.time.Instant;
import java.util.Locale;

import io.pbxhub.contracts.Direction;
import io.pbxhub.esl.protocol.EslEvent;

/** Reading channel headers and variables the way FreeSWITCH fills them (empty is {@code _undef_}, unset time is 0). */
public final class ChannelFields {

    private static final String UNDEFINED = "_undef_";

    private ChannelFields() {
    }

    /** The decoded value, or null when absent, blank or {@code _undef_}. */
    public static String text(EslEvent event, String name) {
        String value = event.get(name);
        return value == null || value.isBlank() || UNDEFINED.equals(value) ? null : value;
    }

    /** The first of {@code names} that has a value. */
    public static String first(EslEvent event, String... names) {
        for (String name : names) {
            String value = text(event, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    public static Long number(EslEvent event, String name) {
        String value = text(event, name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** FusionPBX's {@code call_direction} (inbound/outbound/local), else FreeSWITCH's leg-relative Call-Direction. */
    static Direction direction(EslEvent event) {
        Direction fusion = fusionDirection(event);
        return fusion != null ? fusion : directionOf(text(event, "Call-Direction"));
    }

    /** FusionPBX's {@code call_direction} only; null until its dialplan has set it. */
    static Direction fusionDirection(EslEvent event) {
        return directionOf(text(event, "variable_call_direction"));
    }

    private static Direction directionOf(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "inbound" -> Direction.INBOUND;
            case "outbound" -> Direction.OUTBOUND;
            case "local" -> Direction.LOCAL;
            default -> null;
        };
    }

    /** {@code variable_domain_name}, else the host part of Channel-Presence-ID ({@code 1001@pbx.example.com}). */
    static String domain(EslEvent event) {
        String domain = text(event, "variable_domain_name");
        if (domain != null) {
            return domain;
        }
        String presence = text(event, "Channel-Presence-ID");
        if (presence == null) {
            return null;
        }
        int at = presence.lastIndexOf('@');
        return at >= 0 && at < presence.length() - 1 ? presence.substring(at + 1) : null;
    }

    /** Epoch microseconds as an Instant; null for 0, negative or unparsable (FreeSWITCH's "never happened"). */
    public static Instant micros(Long micros) {
        if (micros == null || micros <= 0) {
            return null;
        }
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    /** A CDR time from {@code <name>_uepoch}, else {@code <name>_epoch}; null when the event never happened. */
    static Instant epochTime(EslEvent event, String name) {
        Instant precise = micros(number(event, "variable_" + name + "_uepoch"));
        if (precise != null) {
            return precise;
        }
        Long seconds = number(event, "variable_" + name + "_epoch");
        return seconds == null || seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }
}
