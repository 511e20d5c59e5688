package io.pbxhub.common.messaging;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.pbxhub.contracts.EventType;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Builds the Kafka message for a topic record: the record key, and the CloudEvents attributes (id, source, type, time)
 * that the connector writes as {@code ce_*} headers in binary mode.
 */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    public static <T extends Record> Message<T> message(String source, String key, T payload) {
        return message(source, key, payload, UUID.randomUUID().toString());
    }

    /** With an explicit event id, for records whose id must stay stable across retries. */
    public static <T extends Record> Message<T> message(String source, String key, T payload, String eventId) {
        return message(source, EventType.of(payload.getClass()), key, payload, eventId);
    }

    /**
     * For a payload already serialized (an outbox row): the type names topic and CloudEvents type, the event id stays
     * the one stored with the row so a re-sent row is recognisably the same event.
     */
    public static <T> Message<T> message(String source, EventType type, String key, T payload, String eventId) {
        return Message.of(payload)
                .addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withTopic(type.topic()).build())
                .addMetadata(OutgoingCloudEventMetadata.<T>builder().withId(eventId).withSource(URI.create(source))
                        .withType(type.cloudEventType()).withDataContentType("application/json")
                        .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC)).build());
    }
}
