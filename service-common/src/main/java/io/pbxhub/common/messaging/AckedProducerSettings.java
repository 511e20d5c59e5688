package io.pbxhub.common.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Settings for a plain Kafka producer of topic records: the service's {@code kafka.*} connection settings (the
 * {@code default-kafka-broker} map: bootstrap servers, security) plus acks=all and idempotence, so an acknowledged
 * record is on every in-sync replica exactly once, and the batching given.
 */
public final class AckedProducerSettings {

    private AckedProducerSettings() {
    }

    public static Map<String, Object> of(Map<String, Object> kafka, String clientId, ProducerBatching batching) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) batching.linger().toMillis());
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, batching.batchSize());
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, batching.compression());
        return settings;
    }
}
