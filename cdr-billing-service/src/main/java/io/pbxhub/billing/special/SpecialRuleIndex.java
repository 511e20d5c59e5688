package io.pbxhub.billing.special;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.pbxhub.contracts.Direction;

/**
 * A product's enabled special-rate rules compiled for the hot path: the answer of
 * {@link SpecialRuleSet#match(String, Direction)} (the first rule in {@link SpecialRuleSet#EVALUATION_ORDER} that
 * applies to the direction and matches) in one walk of the number instead of one test per rule.
 * <p>
 * How: every rule gets its rank in evaluation order (0 = tried first). Prefix rules go into a digit trie; each node
 * keeps the rules whose prefix ends there, by rank. Walking the number through the trie gives the best-ranked prefix
 * rule that applies. Only regex rules (and prefix patterns that are not plain digits) ranked <em>before</em> that rule
 * are then tried, in rank order, so a regex is run only when it could still win. Since the rank is the evaluation order
 * itself (priority, then the longer pattern, then the lower id), the tie-break is exactly the linear one, and the
 * {@code 13} rule of spec 001 only wins where {@code 1300}/{@code 1800} do not match. Disabled rules are left out.
 * <p>
 * Immutable and thread-safe after construction.
 */
public final class SpecialRuleIndex {

    private static final int NONE = Integer.MAX_VALUE;

    private final Node root = new Node();
    /** Rules checked one by one, in rank order: regex rules and prefix patterns that are not all digits. */
    private final Ranked[] others;
    private final int size;

    public SpecialRuleIndex(List<SpecialRule> rules) {
        List<SpecialRule> ordered = rules.stream().sorted(SpecialRuleSet.EVALUATION_ORDER).toList();
        List<Ranked> rest = new ArrayList<>();
        int count = 0;
        for (int rank = 0; rank < ordered.size(); rank++) {
            SpecialRule rule = ordered.get(rank);
            if (!rule.enabled()) {
                continue;
            }
            count++;
            if (rule.patternType() == SpecialRule.PatternType.prefix) {
                String prefix = SpecialRuleSet.prefixOf(rule.pattern());
                if (isDigits(prefix)) {
                    Node node = root;
                    for (int i = 0; i < prefix.length(); i++) {
                        node = node.child(prefix.charAt(i) - '0');
                    }
                    node.add(new Ranked(rank, rule, null, null));
                    continue;
                }
                rest.add(new Ranked(rank, rule, prefix, null));
            } else {
                rest.add(new Ranked(rank, rule, null, SafeRegex.compile(rule.pattern())));
            }
        }
        this.others = rest.toArray(new Ranked[0]);
        this.size = count;
    }

    public static final SpecialRuleIndex EMPTY = new SpecialRuleIndex(List.of());

    /** The number of enabled rules. */
    public int size() {
        return size;
    }

    /** Same answer as {@link SpecialRuleSet#match(String, Direction)} on the same rules. */
    public Optional<SpecialRule> match(String destination, Direction direction) {
        SpecialRule found = find(destination, direction);
        return Optional.ofNullable(found);
    }

    /** {@link #match} without the Optional, for the rating loop; null when no rule matches. */
    public SpecialRule find(String destination, Direction direction) {
        if (direction != Direction.INBOUND && direction != Direction.OUTBOUND || size == 0) {
            return null;
        }
        String number = SpecialRuleSet.normalize(destination);
        Ranked best = null;
        int bestRank = NONE;
        Node node = root;
        int i = 0;
        // An empty number matches no prefix rule (but a regex such as ".*" may still match it).
        while (!number.isEmpty()) {
            Ranked here = node.best(direction, bestRank);
            if (here != null) {
                best = here;
                bestRank = here.rank;
            }
            if (i == number.length() || node.children == null) {
                break;
            }
            int digit = number.charAt(i++) - '0';
            if (digit < 0 || digit > 9 || (node = node.children[digit]) == null) {
                break;
            }
        }
        for (Ranked other : others) {
            if (other.rank >= bestRank) {
                break;
            }
            if (applies(other.rule, direction) && other.matches(number)) {
                return other.rule;
            }
        }
        return best == null ? null : best.rule;
    }

    private static boolean applies(SpecialRule rule, Direction direction) {
        return switch (rule.direction()) {
            case both -> true;
            case inbound -> direction == Direction.INBOUND;
            case outbound -> direction == Direction.OUTBOUND;
        };
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private record Ranked(int rank, SpecialRule rule, String prefix, SafeRegex regex) {

        boolean matches(String number) {
            return regex == null ? !number.isEmpty() && number.startsWith(prefix) : regex.matches(number);
        }
    }

    private static final class Node {

        private Node[] children;
        /** The rules whose prefix ends here, best rank first. */
        private Ranked[] rules;

        Node child(int digit) {
            if (children == null) {
                children = new Node[10];
            }
            if (children[digit] == null) {
                children[digit] = new Node();
            }
            return children[digit];
        }

        void add(Ranked rule) {
            // Ranks are added in increasing order, so appending keeps the array sorted.
            rules = rules == null ? new Ranked[]{rule} : append(rules, rule);
        }

        private static Ranked[] append(Ranked[] rules, Ranked rule) {
            Ranked[] more = Arrays.copyOf(rules, rules.length + 1);
            more[rules.length] = rule;
            return more;
        }

        /** The best-ranked rule here that applies to the direction and beats {@code bestRank}; null if none. */
        Ranked best(Direction direction, int bestRank) {
            if (rules == null) {
                return null;
            }
            for (Ranked r : rules) {
                if (r.rank >= bestRank) {
                    return null;
                }
                if (applies(r.rule, direction)) {
                    return r;
                }
            }
            return null;
        }
    }
}
