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

    /** With an explicit event id, for records whose id must stay stable across retries (outbox rows). */
    public static <T extends Record> Message<T> message(String source, String key, T payload, String eventId) {
        EventType type = EventType.of(payload.getClass());
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(key).build())
                .addMetadata(OutgoingCloudEventMetadata.<T> builder().withId(eventId).withSource(URI.create(source))
                        .withType(type.cloudEventType()).withDataContentType("application/json")
                        .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC)).build());
    }
}
