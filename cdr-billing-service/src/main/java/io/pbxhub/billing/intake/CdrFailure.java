package io.pbxhub.billing.intake;

import java.util.UUID;

/**
 * A CDR that could not be parsed or rated, as it is recorded: where it came from ({@code topic/partition/offset} for
 * Kafka only), which instance and key it named when known, why, and its bytes.
 */
public record CdrFailure(CdrSource source, String topic, Integer partition, Long offset, UUID instanceId, String key,
        String reason, byte[] payload) {

    public static CdrFailure of(CdrSource source, UUID instanceId, String key, String reason, byte[] payload) {
        return new CdrFailure(source, null, null, null, instanceId, key, reason, payload);
    }
}
