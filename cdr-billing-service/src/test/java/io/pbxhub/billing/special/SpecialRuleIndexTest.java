package io.pbxhub.billing.special;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.pbxhub.billing.special.ChargeOptions.MinuteProration;
import io.pbxhub.billing.special.SpecialRule.BillingMode;
import io.pbxhub.billing.special.SpecialRule.PatternType;
import io.pbxhub.billing.special.SpecialRule.RuleDirection;
import io.pbxhub.contracts.Direction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled index must pick exactly the rule the linear explain path ({@link SpecialRuleSet#check}, which prints the
 * trace) picks: checked on thousands of random rule sets and numbers built to collide (shared prefixes, equal
 * priorities, equal lengths, regex against prefix, every direction, disabled rules).
 */
class SpecialRuleIndexTest {

    private static final ChargeOptions OPTIONS = new ChargeOptions("AUD", RoundingMode.HALF_UP, 2,
            MinuteProration.EXACT);
    private static final Direction[] DIRECTIONS = {Direction.INBOUND, Direction.OUTBOUND, Direction.LOCAL, null};
    private static final String[] REGEXES = {"13[0-9]{4}", "1[38]00[0-9]+", "0[2-8][0-9]{8}", ".*", "[0-9]*5",
            "(61)?1300[0-9]*", "1.", "9+"};

    @Test
    void randomRuleSetsPickTheSameRuleAsTheLinearTrace() {
        Random random = new Random(20261123);
        int compared = 0;
        int matched = 0;
        for (int set = 0; set < 2_000; set++) {
            List<SpecialRule> rules = randomRules(random, 1 + random.nextInt(set % 10 == 0 ? 120 : 12));
            SpecialRuleSet linear = new SpecialRuleSet(rules);
            SpecialRuleIndex index = new SpecialRuleIndex(rules);
            for (int call = 0; call < 40; call++) {
                String number = randomNumber(random);
                Direction direction = DIRECTIONS[random.nextInt(DIRECTIONS.length)];
                Optional<SpecialRule> expected = linear.check(number, direction, 60, OPTIONS).matched();
                assertThat(index.match(number, direction)).as("rules %s, number %s, %s", rules, number, direction)
                        .isEqualTo(expected);
                assertThat(linear.match(number, direction)).isEqualTo(expected);
                compared++;
                matched += expected.isPresent() ? 1 : 0;
            }
        }
        // The generator must exercise both outcomes a lot, or the comparison proves little.
        assertThat(matched).isBetween(compared / 10, compared * 9 / 10);
    }

    @Test
    void theSmartnumbersExampleGivesTheSpecsAnswers() {
        SpecialRuleIndex index = new SpecialRuleIndex(List.of(
                rule(3, "13", PatternType.prefix, RuleDirection.outbound, 10, true),
                rule(1, "1800", PatternType.prefix, RuleDirection.outbound, 20, true),
                rule(2, "1300", PatternType.prefix, RuleDirection.outbound, 15, true)));
        assertThat(index.find("1800123456", Direction.OUTBOUND).pattern()).isEqualTo("1800");
        assertThat(index.find("1300555000", Direction.OUTBOUND).pattern()).isEqualTo("1300");
        assertThat(index.find("131008", Direction.OUTBOUND).pattern()).isEqualTo("13");
        assertThat(index.find("+61131008", Direction.OUTBOUND)).isNull();
        assertThat(index.find("1300555000", Direction.INBOUND)).isNull();
    }

    @Test
    void aHigherPriorityRegexBeatsALongerPrefixAndALowerOneDoesNot() {
        SpecialRule regex = rule(1, "1300[0-9]{6}", PatternType.regex, RuleDirection.both, 30, true);
        SpecialRule prefix = rule(2, "130055", PatternType.prefix, RuleDirection.both, 20, true);
        assertThat(new SpecialRuleIndex(List.of(regex, prefix)).find("1300550000", Direction.OUTBOUND))
                .isEqualTo(regex);
        SpecialRule lowRegex = rule(1, "1300[0-9]{6}", PatternType.regex, RuleDirection.both, 10, true);
        assertThat(new SpecialRuleIndex(List.of(lowRegex, prefix)).find("1300550000", Direction.OUTBOUND))
                .isEqualTo(prefix);
        assertThat(new SpecialRuleIndex(List.of(lowRegex, prefix)).find("1300990000", Direction.OUTBOUND))
                .isEqualTo(lowRegex);
    }

    @Test
    void equalPrioritiesGoToTheLongerPatternThenTheLowerId() {
        SpecialRule shortRule = rule(1, "13", PatternType.prefix, RuleDirection.both, 10, true);
        SpecialRule longRule = rule(9, "1300", PatternType.prefix, RuleDirection.both, 10, true);
        SpecialRule twin = rule(4, "1300", PatternType.prefix, RuleDirection.both, 10, true);
        assertThat(new SpecialRuleIndex(List.of(shortRule, longRule)).find("1300123", Direction.INBOUND))
                .isEqualTo(longRule);
        assertThat(new SpecialRuleIndex(List.of(longRule, twin, shortRule)).find("1300123", Direction.INBOUND))
                .isEqualTo(twin);
    }

    @Test
    void disabledRulesAreLeftOutAndTheNextRuleGetsTheCall() {
        SpecialRule off = rule(1, "1300", PatternType.prefix, RuleDirection.outbound, 20, false);
        SpecialRule on = rule(2, "13", PatternType.prefix, RuleDirection.outbound, 10, true);
        SpecialRuleIndex index = new SpecialRuleIndex(List.of(off, on));
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.find("1300123456", Direction.OUTBOUND)).isEqualTo(on);
    }

    private static List<SpecialRule> randomRules(Random random, int count) {
        List<SpecialRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean regex = random.nextInt(5) == 0;
            String pattern = regex
                    ? REGEXES[random.nextInt(REGEXES.length)]
                    : randomPrefix(random) + (random.nextInt(4) == 0 ? "*" : "");
            RuleDirection direction = RuleDirection.values()[random.nextInt(3)];
            // few distinct priorities and ids in random order, so ties and the tie-break are common
            rules.add(rule(1 + random.nextInt(1_000), pattern, regex ? PatternType.regex : PatternType.prefix,
                    direction, 5 * random.nextInt(5), random.nextInt(6) != 0));
        }
        return rules;
    }

    private static String randomPrefix(Random random) {
        String[] stems = {"1", "13", "130", "1300", "1800", "18", "61", "0", "02", "9"};
        String stem = stems[random.nextInt(stems.length)];
        return random.nextBoolean() ? stem : stem + random.nextInt(10);
    }

    private static String randomNumber(Random random) {
        String[] stems = {"1300", "1800", "13", "61", "0", "02", "9", "", "+61", "1 300 ", "x"};
        StringBuilder number = new StringBuilder(stems[random.nextInt(stems.length)]);
        int digits = random.nextInt(9);
        for (int i = 0; i < digits; i++) {
            number.append((char) ('0' + random.nextInt(10)));
        }
        return random.nextInt(30) == 0 ? null : number.toString();
    }

    private static SpecialRule rule(long id, String pattern, PatternType type, RuleDirection direction, int priority,
            boolean enabled) {
        return new SpecialRule(id, pattern, type, direction, BillingMode.flat_per_call, new BigDecimal("0.35"),
                BigDecimal.ZERO, priority, null, enabled);
    }
}
