package io.pbxhub.billing.rating;

import java.math.BigDecimal;

/** The outcome of rating one CDR: seconds billed after increments, the charge in the deck's currency, and why. */
public record Rating(long billedSeconds, BigDecimal charge, String currency, MatchedBy matchedBy,
        String matchedPrefix) {
}
