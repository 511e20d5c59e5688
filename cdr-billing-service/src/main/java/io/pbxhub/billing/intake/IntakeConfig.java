package io.pbxhub.billing.intake;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pbxhub.billing.intake")
public interface IntakeConfig {

    /** A CDR bigger than this is refused unread: no real CDR comes near it, so it is garbage or an attack. */
    @WithDefault("65536")
    int maxCdrBytes();

    /** How much of a refused CDR's payload the failures table keeps (the DLQ topic keeps it whole). */
    @WithDefault("4096")
    int failurePayloadChars();

    /**
     * How often a batch is tried while the database is unreachable before the consumer gives up (and its health
     * check turns DOWN): the batch is not poison, so it must not go to the DLQ, and its offsets stay uncommitted.
     */
    @WithDefault("8")
    int storeAttempts();

    /** First pause between two such attempts; it doubles up to 5 s. */
    @WithDefault("200ms")
    Duration storeRetryDelay();
}
