package io.pbxhub.billing.special;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking one call against a product's special-rate rules: the rule that matched (if any), the charge
 * and minutes it gives, and the spec 001 "SPECIAL RATE CHECK" trace, one line per step.
 */
public record SpecialCheck(Optional<SpecialRule> matched, BigDecimal charge, BigDecimal minutes, List<String> trace) {

    public boolean isMatch() {
        return matched.isPresent();
    }

    public String traceText() {
        return String.join("\n", trace);
    }
}
