package io.pbxhub.common.messaging;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * How a plain Kafka producer of topic records batches: a config group ({@code <prefix>.producer.*}) of the services
 * that send through {@link AckedProducerSettings}.
 */
public interface ProducerBatching {

    /**
     * How long a record may wait for others to share its request. A few ms make requests of many records at load and
     * add little latency to a single one.
     */
    @WithDefault("5ms")
    Duration linger();

    /** Bytes per partition batch (Kafka's default is 16 KiB). */
    @WithDefault("65536")
    int batchSize();

    /** none, gzip, snappy, lz4 or zstd: CPU for bandwidth; the records are small JSON. */
    @WithDefault("none")
    String compression();
}
