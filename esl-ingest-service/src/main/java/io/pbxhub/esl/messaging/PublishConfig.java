package io.pbxhub.esl.messaging;

import java.time.Duration;

import io.pbxhub.common.messaging.ProducerBatching;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What happens when Kafka refuses a record ({@code pbxhub.publish.*}). */
@ConfigMapping(prefix = "pbxhub.publish")
public interface PublishConfig {

    /**
     * Sends per record, the first included. The producer already retries inside {@code delivery.timeout.ms}; these are
     * on top of that, for a broker that stays away longer.
     */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the n-th re-send is n times this. */
    @WithDefault("1s")
    Duration retryDelay();

    /** Unacknowledged records at which the ESL sockets stop being read. */
    @WithDefault("4096")
    int pauseAbove();

    /** Unacknowledged records at which reading resumes. */
    @WithDefault("1024")
    int resumeBelow();

    /** How the Kafka producer batches ({@code pbxhub.publish.producer.*}). */
    ProducerBatching producer();
}
