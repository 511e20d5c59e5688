package io.pbxhub.billing.special;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pbxhub.billing.special.ChargeOptions.MinuteProration;
import io.pbxhub.billing.special.SpecialRule.BillingMode;
import io.pbxhub.billing.special.SpecialRule.PatternType;
import io.pbxhub.billing.special.SpecialRule.RuleDirection;
import io.pbxhub.contracts.Direction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecialRuleSetTest {

    private static final ChargeOptions AUD = new ChargeOptions("AUD", RoundingMode.HALF_UP, 2, MinuteProration.EXACT);

    /** Spec 001 "Example Configuration" for Australian Smartnumbers, rows deliberately out of order. */
    private static final SpecialRuleSet SMARTNUMBERS = new SpecialRuleSet(List.of(
            rule(3, "13", PatternType.prefix, RuleDirection.outbound, BillingMode.flat_per_call, "0.35", "0", 10),
            rule(1, "1800", PatternType.prefix, RuleDirection.outbound, BillingMode.flat_per_call, "0.35", "0", 20),
            rule(2, "1300", PatternType.prefix, RuleDirection.outbound, BillingMode.flat_per_call, "0.35", "0", 15)));

    @Test
    void theSpecsDebugExampleIsReproducedLineForLine() {
        SpecialCheck check = SMARTNUMBERS.check("1300123456", Direction.OUTBOUND, 180, AUD);

        assertThat(check.trace()).containsExactly("=== SPECIAL RATE CHECK ===", "Destination: 1300123456",
                "Direction: OUTBOUND", "Checking pattern: 1800 (priority: 20) - NO MATCH",
                "Checking pattern: 1300 (priority: 15) - MATCH!", "Billing Mode: flat_per_call", "Flat Rate: $0.35",
                "Charge: $0.35", "===========================");
        assertThat(check.matched()).get().extracting(SpecialRule::pattern).isEqualTo("1300");
        assertThat(check.charge()).isEqualByComparingTo("0.35");
    }

    @Test
    void thirteenOnlyCatchesWhatTheHigherPriority1300And1800RulesDoNot() {
        assertThat(patternFor("1800123456")).isEqualTo("1800");
        assertThat(patternFor("1300555000")).isEqualTo("1300");
        assertThat(patternFor("131008")).isEqualTo("13");
        assertThat(patternFor("+61131008")).as("E.164 with country code is a different number").isNull();
        assertThat(patternFor("0298765432")).isNull();
        SpecialCheck thirteen = SMARTNUMBERS.check("132221", Direction.OUTBOUND, 246, AUD);
        assertThat(thirteen.trace()).contains("Checking pattern: 1800 (priority: 20) - NO MATCH",
                "Checking pattern: 1300 (priority: 15) - NO MATCH", "Checking pattern: 13 (priority: 10) - MATCH!");
    }

    @Test
    void flatPerCallCostsTheSameWhateverTheDurationAndNothingWhenUnanswered() {
        assertThat(SMARTNUMBERS.check("1800111222", Direction.OUTBOUND, 342, AUD).charge())
                .isEqualByComparingTo("0.35");
        assertThat(SMARTNUMBERS.check("1800111222", Direction.OUTBOUND, 1, AUD).charge()).isEqualByComparingTo("0.35");
        SpecialCheck unanswered = SMARTNUMBERS.check("1800111222", Direction.OUTBOUND, 0, AUD);
        assertThat(unanswered.isMatch()).isTrue();
        assertThat(unanswered.charge()).isEqualByComparingTo("0");
    }

    @Test
    void outboundRulesIgnoreInboundCallsAndBothMatchEitherButNeverLocal() {
        assertThat(SMARTNUMBERS.match("1300123456", Direction.INBOUND)).isEmpty();
        SpecialRuleSet both = new SpecialRuleSet(List.of(
                rule(1, "1300", PatternType.prefix, RuleDirection.both, BillingMode.flat_per_call, "0.2", "0", 10)));
        assertThat(both.match("1300123456", Direction.INBOUND)).isPresent();
        assertThat(both.match("1300123456", Direction.OUTBOUND)).isPresent();
        assertThat(both.match("1300123456", Direction.LOCAL)).isEmpty();
        SpecialRuleSet inbound = new SpecialRuleSet(List.of(
                rule(1, "1800", PatternType.prefix, RuleDirection.inbound, BillingMode.per_minute, "0", "0.05", 10)));
        assertThat(inbound.match("1800123456", Direction.INBOUND)).isPresent();
        assertThat(inbound.check("1800123456", Direction.OUTBOUND, 60, AUD).trace())
                .contains("Checking pattern: 1800 (priority: 10) - SKIPPED (direction inbound)");
    }

    @Test
    void aDisabledRuleNeverMatchesAndTheNextRuleGetsTheCall() {
        SpecialRuleSet rules = new SpecialRuleSet(List.of(
                disabled(rule(1, "1300", PatternType.prefix, RuleDirection.outbound, BillingMode.flat_per_call, "0.99",
                        "0", 50)),
                rule(2, "13", PatternType.prefix, RuleDirection.outbound, BillingMode.flat_per_call, "0.35", "0", 10)));
        SpecialCheck check = rules.check("1300123456", Direction.OUTBOUND, 60, AUD);
        assertThat(check.matched()).get().extracting(SpecialRule::id).isEqualTo(2L);
        assertThat(check.trace()).contains("Checking pattern: 1300 (priority: 50) - SKIPPED (disabled)");
    }

    @Test
    void perMinuteAndHybridFollowTheSpecsExamplesAndTheProductsProration() {
        SpecialRule perMinute = rule(1, "1900", PatternType.prefix, RuleDirection.outbound, BillingMode.per_minute,
                "0", "0.05", 10);
        SpecialRule hybrid = rule(2, "1900", PatternType.prefix, RuleDirection.outbound, BillingMode.hybrid, "0.20",
                "0.03", 10);
        ChargeOptions exact6 = new ChargeOptions("USD", RoundingMode.HALF_UP, 6, MinuteProration.EXACT);
        ChargeOptions ceil2 = new ChargeOptions("USD", RoundingMode.HALF_UP, 2, MinuteProration.CEIL);
        // 90 s = 1.5 min exactly, or 2 started minutes
        assertThat(SpecialRuleSet.charge(perMinute, 90, exact6)).isEqualByComparingTo("0.075");
        assertThat(SpecialRuleSet.charge(perMinute, 90, ceil2)).isEqualByComparingTo("0.10");
        assertThat(SpecialRuleSet.charge(hybrid, 90, exact6)).isEqualByComparingTo("0.245");
        assertThat(SpecialRuleSet.charge(hybrid, 90, ceil2)).isEqualByComparingTo("0.26");
        // 61 s × 0.05/60 = 0.0508333…: rounded once, at the end
        assertThat(SpecialRuleSet.charge(perMinute, 61, exact6)).isEqualByComparingTo("0.050833");
        assertThat(SpecialRuleSet.charge(perMinute, 61, AUD)).isEqualByComparingTo("0.05");
        assertThat(SpecialRuleSet.charge(perMinute, 61,
                new ChargeOptions("USD", RoundingMode.UP, 2, MinuteProration.EXACT))).isEqualByComparingTo("0.06");
    }

    @Test
    void priorityTiesGoToTheLongerPatternThenTheLowerRuleId() {
        SpecialRuleSet rules = new SpecialRuleSet(List.of(
                rule(9, "13", PatternType.prefix, RuleDirection.both, BillingMode.flat_per_call, "1", "0", 10),
                rule(7, "1300", PatternType.prefix, RuleDirection.both, BillingMode.flat_per_call, "2", "0", 10),
                rule(5, "1300*", PatternType.prefix, RuleDirection.both, BillingMode.flat_per_call, "3", "0", 10),
                rule(4, "1300", PatternType.prefix, RuleDirection.both, BillingMode.flat_per_call, "4", "0", 10)));
        // "1300*" is the longest text; among the two "1300" the lower id comes first
        assertThat(rules.match("1300123456", Direction.OUTBOUND)).get().extracting(SpecialRule::id).isEqualTo(5L);
        SpecialRuleSet without = new SpecialRuleSet(List.of(
                rule(9, "13", PatternType.prefix, RuleDirection.both, BillingMode.flat_per_call, "1", "0", 10),
                rule(7, "1300", PatternType.prefix, RuleDirection.both, BillingMode.flat_per_call, "2", "0", 10),
                rule(4, "1300", PatternType.prefix, RuleDirection.both, BillingMode.flat_per_call, "4", "0", 10)));
        assertThat(without.match("1300123456", Direction.OUTBOUND)).get().extracting(SpecialRule::id).isEqualTo(4L);
    }

    @Test
    void aRegexMatchesTheWholeNumberWhereAPrefixWouldMatchMore() {
        SpecialRuleSet rules = new SpecialRuleSet(List.of(rule(1, "13[0-9]{4}", PatternType.regex,
                RuleDirection.outbound, BillingMode.flat_per_call, "0.35", "0", 10)));
        assertThat(rules.match("131008", Direction.OUTBOUND)).isPresent();
        assertThat(rules.match("+131008", Direction.OUTBOUND)).isPresent();
        assertThat(rules.match("1310089", Direction.OUTBOUND)).isEmpty();
        assertThat(rules.match("1300123456", Direction.OUTBOUND)).isEmpty();
        assertThat(rules.match(null, Direction.OUTBOUND)).isEmpty();
    }

    @Test
    void catastrophicOrBrokenRegexesAreRefused() {
        assertThatThrownBy(() -> SafeRegex.compile("((1+)+)+2")).hasMessageContaining("catastrophic");
        assertThatThrownBy(() -> SafeRegex.compile("(\\d+\\d+\\d+)+y")).hasMessageContaining("catastrophic");
        assertThatThrownBy(() -> SafeRegex.compile("13[0-9")).hasMessageContaining("does not compile");
        assertThatThrownBy(() -> SafeRegex.compile("1".repeat(201))).hasMessageContaining("1 to 200");
        assertThat(SafeRegex.compile("1[38]00\\d{6}").matches("1800123456")).isTrue();
        assertThat(SafeRegex.compile("1[38]00\\d{6}").matches("1".repeat(40))).as("longer than any number").isFalse();
    }

    private static SpecialRule rule(long id, String pattern, PatternType type, RuleDirection direction,
            BillingMode mode, String flat, String perMinute, int priority) {
        return new SpecialRule(id, pattern, type, direction, mode, new BigDecimal(flat), new BigDecimal(perMinute),
                priority, "rule " + id, true);
    }

    private static SpecialRule disabled(SpecialRule r) {
        return new SpecialRule(r.id(), r.pattern(), r.patternType(), r.direction(), r.billingMode(), r.flatRate(),
                r.perMinuteRate(), r.priority(), r.ruleName(), false);
    }

    private static String patternFor(String number) {
        return SMARTNUMBERS.match(number, Direction.OUTBOUND).map(SpecialRule::pattern).orElse(null);
    }
}
