package io.pbxhub.esl.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pbxhub.common.messaging.AckedProducerSettings;
import io.smallrye.common.annotation.Identifier;

/** The service's {@link TopicProducer}: acked, idempotent ({@link AckedProducerSettings}), batching as configured. */
@ApplicationScoped
public class TopicProducerFactory {

    @Produces
    @Singleton
    TopicProducer topicProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka, PublishConfig config) {
        return new TopicProducer(
                new KafkaProducer<>(AckedProducerSettings.of(kafka, "esl-ingest-service", config.producer()),
                        new StringSerializer(), new ByteArraySerializer()));
    }

    void close(@Disposes TopicProducer producer) {
        producer.close();
    }
}
