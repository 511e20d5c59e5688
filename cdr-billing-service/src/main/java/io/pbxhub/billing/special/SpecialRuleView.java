package io.pbxhub.billing.special;

/** A stored rule; rates are decimal strings. */
public record SpecialRuleView(long id, long productId, String pattern, String patternType, String direction,
        String billingMode, String flatRate, String perMinuteRate, int priority, String ruleName, boolean enabled) {

    static SpecialRuleView of(SpecialRuleEntity e) {
        return new SpecialRuleView(e.id, e.productId, e.pattern, e.patternType.name(), e.direction.name(),
                e.billingMode.name(), e.flatRate.toPlainString(), e.perMinuteRate.toPlainString(), e.priority,
                e.ruleName, e.enabled);
    }
}
