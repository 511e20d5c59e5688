package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The price of calls to one destination prefix: a per-minute rate, a fee per answered call, and the billing increments
 * (the first block, then each following block, in seconds) with a minimum billed duration.
 */
public record PrefixRate(String prefix, BigDecimal ratePerMinute, BigDecimal connectFee, int firstIncrement,
        int nextIncrement, int minDuration) {

    public PrefixRate {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(ratePerMinute, "ratePerMinute");
        Objects.requireNonNull(connectFee, "connectFee");
        if (!Destinations.isDigits(prefix)) {
            throw new IllegalArgumentException("prefix must be digits: " + prefix);
        }
        if (ratePerMinute.signum() < 0 || connectFee.signum() < 0) {
            throw new IllegalArgumentException("rates must not be negative");
        }
        if (firstIncrement < 1 || nextIncrement < 1 || minDuration < 0) {
            throw new IllegalArgumentException("increments must be positive and the minimum duration not negative");
        }
    }
}
