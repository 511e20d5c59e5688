package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.pbxhub.billing.special.SpecialRule;
import io.pbxhub.billing.special.SpecialRuleIndex;
import io.pbxhub.billing.special.SpecialRuleSet;
import io.pbxhub.contracts.Direction;

/**
 * Rating one call: 100 special-rate rules checked first (as a special-rate product does, through the compiled
 * {@link SpecialRuleIndex} that rating uses), then the longest prefix among
 * 100k deck prefixes and the charge; against a linear scan of the same rules and prefixes in the same run. One CDR per
 * operation, so ops/s = CDRs/s on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RatingBenchmark {

    private static final int PREFIXES = 100_000;
    private static final int RULES = 100;
    private static final int CALLS = 4096;

    private RateDeck deck;
    private SpecialRuleIndex rules;
    private SpecialRuleSet linearRules;
    private List<PrefixRate> prefixList;
    private List<SpecialRule> ruleList;
    private String[] destinations;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        prefixList = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (prefixList.size() < PREFIXES) {
            String prefix = digits(random, 2 + random.nextInt(6));
            if (seen.add(prefix)) {
                prefixList.add(new PrefixRate(prefix, new BigDecimal("0.0" + (1 + random.nextInt(9))),
                        BigDecimal.ZERO, 30, 6, 0));
            }
        }
        deck = new RateDeck("bench", "USD", 1, prefixList);
        ruleList = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            ruleList.add(new SpecialRule(i + 1, "19" + String.format("%02d", i), SpecialRule.PatternType.prefix,
                    SpecialRule.RuleDirection.outbound, SpecialRule.BillingMode.flat_per_call, new BigDecimal("0.35"),
                    BigDecimal.ZERO, 10 + i % 7, null, true));
        }
        rules = new SpecialRuleIndex(ruleList);
        linearRules = new SpecialRuleSet(ruleList);
        ruleList = ruleList.stream().sorted(SpecialRuleSet.EVALUATION_ORDER).toList();
        destinations = new String[CALLS];
        for (int i = 0; i < CALLS; i++) {
            // one call in ten is a special number, the rest go to the deck
            destinations[i] = i % 10 == 0
                    ? "19" + String.format("%02d", random.nextInt(RULES)) + digits(random, 6)
                    : digits(random, 11);
        }
    }

    @Benchmark
    public BigDecimal trieAndRuleIndex() {
        String destination = destinations[next++ & (CALLS - 1)];
        SpecialRule special = rules.find(destination, Direction.OUTBOUND);
        if (special != null) {
            return special.flatRate();
        }
        return deck.match(destination).map(rate -> Rater.charge(Rater.billedSeconds(67, rate), rate))
                .orElse(BigDecimal.ZERO);
    }

    /** What rating did before the rule index: the 100 rules one after another, then the deck trie. */
    @Benchmark
    public BigDecimal trieAfterLinearRules() {
        String destination = destinations[next++ & (CALLS - 1)];
        java.util.Optional<SpecialRule> special = linearRules.match(destination, Direction.OUTBOUND);
        if (special.isPresent()) {
            return special.get().flatRate();
        }
        return deck.match(destination).map(rate -> Rater.charge(Rater.billedSeconds(67, rate), rate))
                .orElse(BigDecimal.ZERO);
    }

    @Benchmark
    public BigDecimal linearScanBaseline() {
        String destination = destinations[next++ & (CALLS - 1)];
        for (SpecialRule rule : ruleList) {
            if (destination.startsWith(rule.pattern())) {
                return rule.flatRate();
            }
        }
        PrefixRate best = null;
        for (PrefixRate rate : prefixList) {
            if (destination.startsWith(rate.prefix())
                    && (best == null || rate.prefix().length() > best.prefix().length())) {
                best = rate;
            }
        }
        return best == null ? BigDecimal.ZERO : Rater.charge(Rater.billedSeconds(67, best), best);
    }

    private static String digits(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }
}
