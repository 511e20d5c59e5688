package io.pbxhub.billing.cdr;

import java.time.Duration;

import io.pbxhub.common.messaging.ProducerBatching;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How {@code cdr-rated} events leave the outbox ({@link RatedCdrPublisher}). */
@ConfigMapping(prefix = "pbxhub.billing.cdr-rated")
public interface RatedCdrConfig {

    /**
     * An outbox row older than this is taken as left behind and sent again from the stored CDRs. Longer than a batch
     * normally needs for its acks, so a row still on its way is rarely sent twice.
     */
    @WithDefault("60s")
    Duration resendAfter();

    /** How often left-behind rows are looked for. */
    @WithDefault("10s")
    Duration resendInterval();

    /** How long the sends of one batch may wait for the broker's acknowledgements before the row is left for later. */
    @WithDefault("2m")
    Duration ackTimeout();

    /**
     * How the Kafka producer of {@code cdr-rated} batches ({@code pbxhub.billing.cdr-rated.producer.*}); an outbox
     * row's events go out together.
     */
    ProducerBatching producer();
}
