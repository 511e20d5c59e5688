package io.pbxhub.billing.special;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regex special-rate pattern that cannot hang rating. {@link java.util.regex} backtracks, so a pattern such as
 * {@code (1+)+2} is exponential on a long run of 1s. Three bounds keep that out: the pattern is at most
 * {@value #MAX_PATTERN_LENGTH} characters and must compile; the input is at most {@value #MAX_INPUT_LENGTH} characters
 * (longer numbers never match); and every match reads the input through a counter that gives up after
 * {@value #STEP_BUDGET} character reads, which is a deterministic timeout (no clock, same answer on every machine). A
 * pattern is accepted only if it stays inside the budget on hostile probe inputs, so a saved rule never gives up in
 * practice; if one does, it is a NO MATCH, never an exception.
 */
public final class SafeRegex {

    public static final int MAX_PATTERN_LENGTH = 200;
    public static final int MAX_INPUT_LENGTH = 32;
    static final int STEP_BUDGET = 20_000;

    private static final String[] PROBES = {"1".repeat(MAX_INPUT_LENGTH - 1) + "x", "0".repeat(MAX_INPUT_LENGTH),
            "1300".repeat(MAX_INPUT_LENGTH / 4 - 1) + "13a", "9".repeat(MAX_INPUT_LENGTH - 1) + "!"};

    /** Vetted patterns by text: rule sets are rebuilt for every CDR, vetting is not. Cleared when it grows large. */
    private static final Map<String, SafeRegex> VETTED = new ConcurrentHashMap<>();
    private static final int VETTED_MAX = 10_000;

    private final Pattern pattern;

    private SafeRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles and vets a pattern; the message of the exception says what is wrong, for the API client. */
    public static SafeRegex compile(String regex) {
        SafeRegex known = regex == null ? null : VETTED.get(regex);
        if (known != null) {
            return known;
        }
        SafeRegex vetted = vet(regex);
        if (VETTED.size() >= VETTED_MAX) {
            VETTED.clear();
        }
        VETTED.put(regex, vetted);
        return vetted;
    }

    private static SafeRegex vet(String regex) {
        if (regex == null || regex.isEmpty() || regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("regex must be 1 to " + MAX_PATTERN_LENGTH + " characters");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex does not compile: " + e.getDescription());
        }
        SafeRegex safe = new SafeRegex(compiled);
        for (String probe : PROBES) {
            if (safe.test(probe) == Result.GAVE_UP) {
                throw new IllegalArgumentException("regex is too expensive to match (catastrophic backtracking)");
            }
        }
        return safe;
    }

    /** Whether the whole number matches; a number too long or a match over budget does not match. */
    public boolean matches(String number) {
        return test(number) == Result.MATCH;
    }

    Result test(String number) {
        if (number.length() > MAX_INPUT_LENGTH) {
            return Result.NO_MATCH;
        }
        Matcher matcher = pattern.matcher(new BudgetedChars(number, new int[]{STEP_BUDGET}));
        try {
            return matcher.matches() ? Result.MATCH : Result.NO_MATCH;
        } catch (BudgetExceeded e) {
            return Result.GAVE_UP;
        }
    }

    enum Result {
        MATCH,
        NO_MATCH,
        GAVE_UP
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** The input, counting every read against a budget shared with its sub-sequences. */
    private record BudgetedChars(String text, int[] budget) implements CharSequence {

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedChars(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
