package io.pbxhub.esl.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;

/**
 * The service's {@link TopicProducer}: the {@code kafka.*} connection settings (bootstrap servers, security) plus
 * acks=all and idempotence, so an acknowledged record is on every in-sync replica exactly once, and the batching of
 * {@code pbxhub.publish.producer.*}.
 */
@ApplicationScoped
public class TopicProducerFactory {

    @Produces
    @Singleton
    TopicProducer topicProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka, PublishConfig config) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "esl-ingest-service");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.producer().linger().toMillis());
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, config.producer().batchSize());
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.producer().compression());
        return new TopicProducer(new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer()));
    }

    void close(@Disposes TopicProducer producer) {
        producer.close();
    }
}
