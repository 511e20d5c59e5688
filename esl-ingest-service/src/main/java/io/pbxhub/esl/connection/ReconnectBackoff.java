package io.pbxhub.esl.connection;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter: attempt n waits between half and all of {@code initial * 2^n}, capped at
 * {@code max}. The jitter keeps hundreds of connections from hammering a PBX cluster in lock-step after it restarts.
 */
public final class ReconnectBackoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    public ReconnectBackoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before reconnect attempt {@code failures} (0 after the first failure). */
    public Duration delay(int failures) {
        int shift = Math.min(Math.max(failures, 0), 30);
        long ceiling = initialMillis << shift;
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
