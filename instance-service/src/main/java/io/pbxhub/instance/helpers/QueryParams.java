package io.pbxhub.instance.helpers;

import io.pbxhub.common.error.ApiException;

/**
 * Query parameters parsed by hand: JAX-RS answers 404 when a numeric query parameter does not parse, but a bad filter
 * is
 * the client's mistake (400), and its name should be in the message.
 */
public final class QueryParams {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private QueryParams() {
    }

    /** A positive id filter, or null when the parameter is absent or empty. */
    public static Long id(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + ": must be a positive whole number");
    }

    public static int limit(String value) {
        return bounded("limit", value, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    public static int offset(String value) {
        return bounded("offset", value, 0, 0, Integer.MAX_VALUE);
    }

    private static int bounded(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + ": must be a whole number from " + min + " to " + max);
    }
}
