package io.pbxhub.billing.fusionpbx;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pbxhub.billing.fusionpbx")
public interface FusionPbxConfig {

    /** How often every instance's v_xml_cdr is read ({@code off} disables the job). Read by @Scheduled. */
    @WithDefault("60s")
    String importInterval();

    /**
     * How far before the watermark each run starts reading again: a row whose insert committed after a later row was
     * already read (concurrent inserts, clock steps) still gets imported; the natural key drops the rest.
     */
    @WithDefault("5m")
    Duration overlap();

    /** Rows read and stored per transaction. */
    @WithDefault("1000")
    int batchSize();

    /** Batches per instance and run, so one instance with a huge backlog cannot hold up the others for long. */
    @WithDefault("50")
    int maxBatchesPerRun();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest a single query (and any read on the socket) may take. */
    @WithDefault("30s")
    Duration queryTimeout();
}
