package io.pbxhub.billing.pbx3cx;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.pbxhub.billing.instance.BillingInstance;
import io.pbxhub.billing.intake.RawCdrParser;
import io.pbxhub.billing.intake.RejectedCdrException;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

/**
 * Maps one pushed 3CX CDR (the fields of 3CX's CDR service, {@code time-start} written {@code time_start}, see
 * docs/billing.md) to a {@link RawCdr}: instance = the 3CX host, CDR UUID = 3CX's {@code callid}, the natural key.
 * Direction is {@code direction} when given (Inbound / Outbound / Internal, as 3CX's call log export writes it), else
 * from the endpoint types: a call from a {@code Line} (trunk) is inbound, to one outbound, anything else internal.
 * Billed seconds come from the times ({@code time_end - time_answered}), not from 3CX's formatted {@code duration}.
 */
final class Pbx3cxCdrMapper {

    static final int MAX_CALL_ID = 255;

    private Pbx3cxCdrMapper() {
    }

    static UUID hostId(JsonNode entry) {
        String value = text(entry, "host_id");
        if (value == null) {
            throw new RejectedCdrException("host_id is missing");
        }
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new RejectedCdrException("host_id: not a UUID");
        }
    }

    static String callId(JsonNode entry) {
        String callId = text(entry, "callid");
        if (callId == null) {
            throw new RejectedCdrException("callid is missing");
        }
        if (callId.length() > MAX_CALL_ID) {
            throw new RejectedCdrException("callid is longer than " + MAX_CALL_ID + " characters");
        }
        return callId;
    }

    static RawCdr map(BillingInstance host, JsonNode entry) {
        String callId = callId(entry);
        Instant start = time(entry, "time_start");
        if (start == null) {
            throw new RejectedCdrException("time_start is missing");
        }
        Instant answered = time(entry, "time_answered");
        Instant end = time(entry, "time_end");
        if (end == null) {
            throw new RejectedCdrException("time_end is missing");
        }
        if (end.isBefore(start) || (answered != null && (answered.isBefore(start) || end.isBefore(answered)))) {
            throw new RejectedCdrException("times out of order: time_start <= time_answered <= time_end");
        }
        Direction direction = direction(entry);
        String destination = direction == Direction.OUTBOUND
                ? first(entry, "dial_no", "to_no", "final_number")
                : first(entry, "to_no", "dial_no", "final_number");
        String extension = direction == Direction.INBOUND
                ? first(entry, "final_dn", "to_dn")
                : first(entry, "from_dn");
        RawCdr cdr = new RawCdr(callId, host.id, host.tenantId, RawCdr.Source.PBX3CX, RawCdr.Leg.A, direction,
                text(entry, "from_dispname"), first(entry, "from_no", "from_dn"), destination, host.name, extension,
                start, answered, end, Duration.between(start, end).toSeconds(),
                answered == null ? 0 : Duration.between(answered, end).toSeconds(), text(entry, "reason_terminated"),
                null, null, text(entry, "historyid"), null, null);
        return RawCdrParser.validate(cdr);
    }

    private static Direction direction(JsonNode entry) {
        String given = text(entry, "direction");
        if (given != null) {
            return switch (given.toLowerCase(Locale.ROOT)) {
                case "inbound" -> Direction.INBOUND;
                case "outbound" -> Direction.OUTBOUND;
                case "internal", "local" -> Direction.LOCAL;
                default -> throw new RejectedCdrException("direction: one of Inbound, Outbound, Internal");
            };
        }
        String from = text(entry, "from_type");
        String to = first(entry, "to_type", "final_type");
        if (from == null && to == null) {
            throw new RejectedCdrException("direction is missing (give direction, or from_type and to_type)");
        }
        if ("line".equalsIgnoreCase(from)) {
            return Direction.INBOUND;
        }
        if ("line".equalsIgnoreCase(to) || "line".equalsIgnoreCase(text(entry, "final_type"))) {
            return Direction.OUTBOUND;
        }
        return Direction.LOCAL;
    }

    private static Instant time(JsonNode entry, String field) {
        String value = text(entry, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedCdrException(field + ": not an ISO-8601 date-time with offset, e.g. "
                    + "2025-07-25T11:41:48+02:00");
        }
    }

    private static String first(JsonNode entry, String... fields) {
        for (String field : fields) {
            String value = text(entry, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new RejectedCdrException(field + ": must be a string");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
