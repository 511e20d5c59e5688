package io.pbxhub.billing.special;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.pbxhub.contracts.Direction;

/**
 * A product's special-rate rules, ready to rate: ordered by priority (higher first), ties broken by the longer
 * pattern, then the lower rule id, so the order never depends on how rows come out of the database. Immutable and
 * thread-safe.
 * <p>
 * What is matched: the destination number with spaces and a leading {@code +} removed, for both directions (on an
 * inbound call that is the called number, e.g. the client's own 1800 number). A prefix rule matches when that number
 * starts with the pattern (a trailing {@code *} in the pattern is ignored: {@code 1300*} = {@code 1300}); a regex rule
 * when the whole number matches ({@link SafeRegex}). {@code inbound}/{@code outbound} rules apply to that direction
 * only, {@code both} to either; LOCAL (extension to extension) calls match no rule. Disabled rules are listed in the
 * trace as skipped and never match.
 * <p>
 * Charges: only answered calls (billsec &gt; 0) cost anything. flat_per_call = flat rate; per_minute = minutes ×
 * per-minute rate; hybrid = flat rate + minutes × per-minute rate; minutes per {@link ChargeOptions#proration()},
 * rounded once at the end per {@link ChargeOptions}.
 */
public final class SpecialRuleSet {

    public static final Comparator<SpecialRule> EVALUATION_ORDER = Comparator
            .comparingInt(SpecialRule::priority).reversed()
            .thenComparing(Comparator.comparingInt((SpecialRule r) -> r.pattern().length()).reversed())
            .thenComparingLong(SpecialRule::id);

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final String HEADER = "=== SPECIAL RATE CHECK ===";
    private static final String FOOTER = "===========================";

    private final List<Compiled> rules;

    public SpecialRuleSet(List<SpecialRule> rules) {
        this.rules = rules.stream().sorted(EVALUATION_ORDER).map(Compiled::of).toList();
    }

    public static final SpecialRuleSet EMPTY = new SpecialRuleSet(List.of());

    public int size() {
        return rules.size();
    }

    /** The first enabled rule that matches, without a trace: the hot path of rating and view filtering. */
    public Optional<SpecialRule> match(String destination, Direction direction) {
        String number = normalize(destination);
        for (Compiled rule : rules) {
            if (applies(rule.rule, direction) && rule.matches(number)) {
                return Optional.of(rule.rule);
            }
        }
        return Optional.empty();
    }

    public SpecialCheck check(String destination, Direction direction, long billsec, ChargeOptions options) {
        String number = normalize(destination);
        List<String> trace = new ArrayList<>();
        trace.add(HEADER);
        trace.add("Destination: " + (destination == null ? "" : destination));
        trace.add("Direction: " + direction);
        SpecialRule matched = null;
        for (Compiled rule : rules) {
            String checking = "Checking pattern: " + rule.rule.pattern() + " (priority: " + rule.rule.priority() + ")";
            if (!rule.rule.enabled()) {
                trace.add(checking + " - SKIPPED (disabled)");
            } else if (!applies(rule.rule, direction)) {
                trace.add(checking + " - SKIPPED (direction " + rule.rule.direction() + ")");
            } else if (rule.matches(number)) {
                trace.add(checking + " - MATCH!");
                matched = rule.rule;
                break;
            } else {
                trace.add(checking + " - NO MATCH");
            }
        }
        BigDecimal minutes = minutes(billsec, options);
        BigDecimal charge = BigDecimal.ZERO.setScale(options.scale());
        if (matched == null) {
            trace.add("No special rate matched: not billed");
        } else {
            charge = charge(matched, billsec, options);
            trace.add("Billing Mode: " + matched.billingMode());
            if (matched.billingMode() != SpecialRule.BillingMode.per_minute) {
                trace.add("Flat Rate: " + money(matched.flatRate(), options.currency()));
            }
            if (matched.billingMode() != SpecialRule.BillingMode.flat_per_call) {
                trace.add("Per Minute Rate: " + money(matched.perMinuteRate(), options.currency()));
                trace.add("Minutes: " + minutes.stripTrailingZeros().toPlainString());
            }
            if (billsec <= 0) {
                trace.add("Not answered: no charge");
            }
            trace.add("Charge: " + money(charge, options.currency()));
        }
        trace.add(FOOTER);
        return new SpecialCheck(Optional.ofNullable(matched), charge, minutes, List.copyOf(trace));
    }

    /** What a matching call costs under the rule and the product's options. */
    public static BigDecimal charge(SpecialRule rule, long billsec, ChargeOptions options) {
        if (billsec <= 0) {
            return BigDecimal.ZERO.setScale(options.scale());
        }
        BigDecimal minutes = minutes(billsec, options);
        BigDecimal raw = switch (rule.billingMode()) {
            case flat_per_call -> rule.flatRate();
            case per_minute -> minutes.multiply(rule.perMinuteRate());
            case hybrid -> rule.flatRate().add(minutes.multiply(rule.perMinuteRate()));
        };
        return raw.setScale(options.scale(), options.rounding());
    }

    static BigDecimal minutes(long billsec, ChargeOptions options) {
        if (billsec <= 0) {
            return BigDecimal.ZERO;
        }
        return switch (options.proration()) {
            case EXACT -> BigDecimal.valueOf(billsec).divide(SIXTY, MathContext.DECIMAL64);
            case CEIL -> BigDecimal.valueOf((billsec + 59) / 60);
        };
    }

    /** {@code $0.35} for dollar currencies as the spec prints it, {@code EUR 0.35} otherwise; at least 2 places. */
    public static String money(BigDecimal amount, String currency) {
        BigDecimal shown = amount.stripTrailingZeros();
        if (shown.scale() < 2) {
            shown = shown.setScale(2);
        }
        String c = currency == null ? "" : currency.strip();
        boolean dollars = c.equals("USD") || c.equals("AUD") || c.equals("NZD") || c.equals("CAD");
        return (dollars ? "$" : c + " ") + shown.toPlainString();
    }

    static String normalize(String destination) {
        if (destination == null) {
            return "";
        }
        String number = destination.replace(" ", "").strip();
        return number.startsWith("+") ? number.substring(1) : number;
    }

    private static boolean applies(SpecialRule rule, Direction direction) {
        if (!rule.enabled() || direction == null) {
            return false;
        }
        return switch (rule.direction()) {
            case both -> direction == Direction.INBOUND || direction == Direction.OUTBOUND;
            case inbound -> direction == Direction.INBOUND;
            case outbound -> direction == Direction.OUTBOUND;
        };
    }

    /** A prefix rule's digits, without the optional trailing {@code *}. */
    public static String prefixOf(String pattern) {
        return pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    private record Compiled(SpecialRule rule, String prefix, SafeRegex regex) {

        static Compiled of(SpecialRule rule) {
            return rule.patternType() == SpecialRule.PatternType.prefix
                    ? new Compiled(rule, prefixOf(rule.pattern()), null)
                    : new Compiled(rule, null, SafeRegex.compile(rule.pattern()));
        }

        boolean matches(String number) {
            return regex == null ? !number.isEmpty() && number.startsWith(prefix) : regex.matches(number);
        }
    }
}
