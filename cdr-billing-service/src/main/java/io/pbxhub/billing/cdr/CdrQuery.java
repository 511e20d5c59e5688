package io.pbxhub.billing.cdr;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import io.pbxhub.common.error.ApiException;

/**
 * A page of the CDR list: calls that started in {@code [from, to)}, optionally of one instance and one tenant. Built
 * from the raw query strings so every bad value becomes a 400 naming the parameter (JAX-RS would answer a query
 * parameter it cannot convert with 404).
 */
public record CdrQuery(Instant from, Instant to, UUID instanceId, String tenantId, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public static CdrQuery parse(String from, String to, String instanceId, String tenantId, String page,
            String size) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.badRequest("from: must not be after to");
        }
        int pageNumber = integer("page", page, 0);
        if (pageNumber < 0) {
            throw ApiException.badRequest("page: must be 0 or more");
        }
        int pageSize = integer("size", size, DEFAULT_SIZE);
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw ApiException.badRequest("size: must be between 1 and " + MAX_SIZE);
        }
        if ((long) pageNumber * pageSize > Integer.MAX_VALUE) {
            throw ApiException.badRequest("page: too far for page size " + pageSize);
        }
        return new CdrQuery(start, end, uuid("instance_id", instanceId), blankToNull(tenantId), pageNumber, pageSize);
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            UUID parsed = UUID.fromString(value.strip());
            // UUID.fromString accepts short groups such as "1-2-3-4-5"; only the canonical form names a PBX.
            if (!parsed.toString().equalsIgnoreCase(value.strip())) {
                throw new IllegalArgumentException(value);
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + ": not a UUID");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + ": not an ISO-8601 date-time with offset, e.g. 2025-01-31T00:00:00Z");
        }
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": not a whole number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
