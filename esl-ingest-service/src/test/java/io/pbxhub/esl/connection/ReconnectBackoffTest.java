package io.pbxhub.esl.connection;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            new Random(7));

    @Test
    void delaysDoubleWithJitterBetweenHalfAndFullCeiling() {
        long[] ceilings = {1000, 2000, 4000, 8000, 16000};
        for (int failures = 0; failures < ceilings.length; failures++) {
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(failures).toMillis()).isBetween(ceilings[failures] / 2, ceilings[failures]);
            }
        }
    }

    @Test
    void delayIsCappedAtTheMaximumEvenAfterManyFailures() {
        for (int failures : new int[]{5, 6, 31, 64, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delay(failures).toMillis()).isBetween(15_000L, 30_000L);
        }
    }

    @Test
    void jitterSpreadsConnectionsThatFailedTogether() {
        Set<Long> delays = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            delays.add(backoff.delay(3).toMillis());
        }
        assertThat(delays).hasSizeGreaterThan(10);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
