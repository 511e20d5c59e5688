package io.pbxhub.billing.special;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * One special-rate rule as a client sends it (spec 001 field list). Omitted: priority 10, enabled, rates 0. A prefix
 * pattern is digits with an optional trailing {@code *}; a regex pattern is vetted by {@link SafeRegex}.
 */
public record SpecialRuleRequest(
        @NotBlank @Size(max = SafeRegex.MAX_PATTERN_LENGTH) String pattern,
        @NotNull SpecialRule.PatternType patternType,
        @NotNull SpecialRule.RuleDirection direction,
        @NotNull SpecialRule.BillingMode billingMode,
        @DecimalMin("0") @Digits(integer = 6, fraction = 6) BigDecimal flatRate,
        @DecimalMin("0") @Digits(integer = 6, fraction = 6) BigDecimal perMinuteRate,
        @Min(-1000) @Max(1000) Integer priority,
        @Size(max = 200) String ruleName,
        Boolean enabled) {
}
