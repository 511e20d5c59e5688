package io.pbxhub.billing.intake;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

/**
 * Reads the {@code cdr-raw} records every producer writes (one object, each field once, strings, whole numbers and
 * nulls where the contract has them, UTC times, canonical UUIDs) field by field, without data binding, which was a
 * quarter of the intake thread's time. Anything else, including every record that would be refused, gives null, and
 * the caller then lets Jackson's binding decide: a record read here is the record that binding gives.
 */
final class PlainCdrReader {

    private static final int REQUIRED = bit(Field.cdrUuid) | bit(Field.instanceId) | bit(Field.direction)
            | bit(Field.startTime) | bit(Field.duration) | bit(Field.billsec);

    private enum Field {
        cdrUuid,
        instanceId,
        tenantId,
        source,
        leg,
        direction,
        callerIdName,
        callerIdNumber,
        destinationNumber,
        domain,
        extension,
        startTime,
        answerTime,
        endTime,
        duration,
        billsec,
        hangupCause,
        hangupCauseQ850,
        bridgeUuid,
        callUuid,
        coreUuid,
        eventSequence
    }

    /** Thrown to leave the record to data binding; carries no stack. */
    private static final class NotPlain extends Exception {

        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private PlainCdrReader() {
    }

    /** The CDR, or null when the record is not in the plain form or misses a required field. */
    static RawCdr read(JsonFactory json, byte[] payload) {
        try (JsonParser p = json.createParser(payload)) {
            return read(p);
        } catch (IOException | NotPlain | RuntimeException e) {
            return null;
        }
    }

    private static RawCdr read(JsonParser p) throws IOException, NotPlain {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String cdrUuid = null, tenantId = null, callerIdName = null, callerIdNumber = null, destinationNumber = null;
        String domain = null, extension = null, hangupCause = null, bridgeUuid = null, callUuid = null;
        String coreUuid = null;
        UUID instanceId = null;
        RawCdr.Source source = null;
        RawCdr.Leg leg = null;
        Direction direction = null;
        Instant startTime = null, answerTime = null, endTime = null;
        long duration = 0, billsec = 0;
        Integer hangupCauseQ850 = null;
        Long eventSequence = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            Field field = field(name);
            if (field == null) {
                p.skipChildren();
                continue;
            }
            if ((seen & bit(field)) != 0) {
                throw NotPlain.INSTANCE;
            }
            seen |= bit(field);
            switch (field) {
                case cdrUuid -> cdrUuid = text(p, value);
                case instanceId -> instanceId = uuid(p, value);
                case tenantId -> tenantId = text(p, value);
                case source -> source = constant(p, value, RawCdr.Source.class);
                case leg -> leg = constant(p, value, RawCdr.Leg.class);
                case direction -> direction = constant(p, value, Direction.class);
                case callerIdName -> callerIdName = text(p, value);
                case callerIdNumber -> callerIdNumber = text(p, value);
                case destinationNumber -> destinationNumber = text(p, value);
                case domain -> domain = text(p, value);
                case extension -> extension = text(p, value);
                case startTime -> startTime = instant(p, value);
                case answerTime -> answerTime = instant(p, value);
                case endTime -> endTime = instant(p, value);
                case duration -> duration = wholeNumber(p, value);
                case billsec -> billsec = wholeNumber(p, value);
                case hangupCause -> hangupCause = text(p, value);
                case hangupCauseQ850 -> hangupCauseQ850 = value == JsonToken.VALUE_NULL ? null : integer(p, value);
                case bridgeUuid -> bridgeUuid = text(p, value);
                case callUuid -> callUuid = text(p, value);
                case coreUuid -> coreUuid = text(p, value);
                case eventSequence -> eventSequence = value == JsonToken.VALUE_NULL ? null : wholeNumber(p, value);
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || (seen & REQUIRED) != REQUIRED
                || cdrUuid == null || instanceId == null || direction == null || startTime == null) {
            return null;
        }
        return new RawCdr(cdrUuid, instanceId, tenantId, source, leg, direction, callerIdName, callerIdNumber,
                destinationNumber, domain, extension, startTime, answerTime, endTime, duration, billsec, hangupCause,
                hangupCauseQ850, bridgeUuid, callUuid, coreUuid, eventSequence);
    }

    private static int bit(Field field) {
        return 1 << field.ordinal();
    }

    private static Field field(String name) {
        return switch (name) {
            case "cdrUuid" -> Field.cdrUuid;
            case "instanceId" -> Field.instanceId;
            case "tenantId" -> Field.tenantId;
            case "source" -> Field.source;
            case "leg" -> Field.leg;
            case "direction" -> Field.direction;
            case "callerIdName" -> Field.callerIdName;
            case "callerIdNumber" -> Field.callerIdNumber;
            case "destinationNumber" -> Field.destinationNumber;
            case "domain" -> Field.domain;
            case "extension" -> Field.extension;
            case "startTime" -> Field.startTime;
            case "answerTime" -> Field.answerTime;
            case "endTime" -> Field.endTime;
            case "duration" -> Field.duration;
            case "billsec" -> Field.billsec;
            case "hangupCause" -> Field.hangupCause;
            case "hangupCauseQ850" -> Field.hangupCauseQ850;
            case "bridgeUuid" -> Field.bridgeUuid;
            case "callUuid" -> Field.callUuid;
            case "coreUuid" -> Field.coreUuid;
            case "eventSequence" -> Field.eventSequence;
            default -> null;
        };
    }

    private static String text(JsonParser p, JsonToken value) throws IOException, NotPlain {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw NotPlain.INSTANCE;
    }

    private static Instant instant(JsonParser p, JsonToken value) throws IOException, NotPlain {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        Instant instant = value == JsonToken.VALUE_STRING ? UtcInstantDeserializer.parseUtc(p.getText()) : null;
        if (instant == null) {
            throw NotPlain.INSTANCE;
        }
        return instant;
    }

    private static <E extends Enum<E>> E constant(JsonParser p, JsonToken value, Class<E> type)
            throws IOException, NotPlain {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw NotPlain.INSTANCE;
        }
        try {
            // Enum.valueOf reads a cached map; getEnumConstants() copies the constants on every call
            return Enum.valueOf(type, p.getText());
        } catch (IllegalArgumentException e) {
            throw NotPlain.INSTANCE;
        }
    }

    private static long wholeNumber(JsonParser p, JsonToken value) throws IOException, NotPlain {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw NotPlain.INSTANCE;
        }
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw NotPlain.INSTANCE;
        }
        return p.getLongValue();
    }

    private static int integer(JsonParser p, JsonToken value) throws IOException, NotPlain {
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw NotPlain.INSTANCE;
        }
        return p.getIntValue();
    }

    /** The canonical 36-character form only, as Jackson reads it (any case); anything else is left to Jackson. */
    private static UUID uuid(JsonParser p, JsonToken value) throws IOException, NotPlain {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw NotPlain.INSTANCE;
        }
        String s = p.getText();
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            throw NotPlain.INSTANCE;
        }
        long high = hex(s, 0, 8) << 32 | hex(s, 9, 13) << 16 | hex(s, 14, 18);
        long low = hex(s, 19, 23) << 48 | hex(s, 24, 36);
        return new UUID(high, low);
    }

    private static long hex(String s, int from, int to) throws NotPlain {
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(s.charAt(i), 16);
            if (digit < 0 || s.charAt(i) > 'f') {
                throw NotPlain.INSTANCE;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
