package io.pbxhub.billing.intake;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Copies a refused {@code cdr-raw} record to {@code cdr-raw.dlq}: same key, same value bytes, its own headers plus the
 * reason and origin under the header names SmallRye's dead-letter strategy uses. Returns once the broker has the
 * copy, so the original's offset is committed only after that.
 */
@ApplicationScoped
public class CdrDeadLetters {

    public static final String CHANNEL = "cdr-raw-dlq";
    public static final String REASON = "dead-letter-reason";

    private final MutinyEmitter<byte[]> emitter;

    public CdrDeadLetters(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void send(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(REASON, bytes(reason));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
