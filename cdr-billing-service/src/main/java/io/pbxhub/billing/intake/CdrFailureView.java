package io.pbxhub.billing.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * A failed CDR as the admin API shows it. {@code payload} is the start of the raw payload as text;
 * {@code payload_truncated} says whether there was more ({@code payload_bytes} in all).
 */
public record CdrFailureView(long id, String source, String topic, Integer partition, Long offset, UUID instanceId,
        String cdrKey, String reason, Instant receivedAt, String payload, int payloadBytes,
        boolean payloadTruncated) {

    static CdrFailureView of(CdrFailureEntity e) {
        CdrSource source = CdrSource.valueOf(e.source);
        boolean truncated = e.payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < e.payloadBytes;
        return new CdrFailureView(e.id, source.label(), e.topic, e.kafkaPartition, e.kafkaOffset, e.instanceId,
                e.cdrKey, e.reason, e.receivedAt, e.payload, e.payloadBytes, truncated);
    }
}
