package io.pbxhub.billing.special;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One special-rate rule of a product (spec 001 "Configuring Special Rate Rules"). Lower-case names for pattern type,
 * direction and billing mode are the spec's own words and what the API takes.
 */
public record SpecialRule(long id, String pattern, PatternType patternType, RuleDirection direction,
        BillingMode billingMode, BigDecimal flatRate, BigDecimal perMinuteRate, int priority, String ruleName,
        boolean enabled) {

    public static final int DEFAULT_PRIORITY = 10;

    public SpecialRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(patternType, "patternType");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(billingMode, "billingMode");
        flatRate = Objects.requireNonNullElse(flatRate, BigDecimal.ZERO);
        perMinuteRate = Objects.requireNonNullElse(perMinuteRate, BigDecimal.ZERO);
    }

    public enum PatternType {
        prefix,
        regex
    }

    public enum RuleDirection {
        inbound,
        outbound,
        both
    }

    public enum BillingMode {
        flat_per_call,
        per_minute,
        hybrid
    }
}
