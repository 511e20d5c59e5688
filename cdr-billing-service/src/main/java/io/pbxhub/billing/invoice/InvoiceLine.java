package io.pbxhub.billing.invoice;

/** One grouped line: calls of one pattern (or deck prefix) and direction; amount a decimal string. */
public record InvoiceLine(int lineNo, String kind, String direction, String pattern, String billingMode, long calls,
        long seconds, String minutes, String amount, String description) {
}
