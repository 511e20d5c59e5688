package io.pbxhub.billing.cdr;

import io.pbxhub.contracts.RawCdr;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/**
 * JSON of {@code cdr-raw} records, refusing any record {@link RawCdrRules} cannot rate. Refusing here rather than in
 * the consumer means the dead-letter topic receives the record's original bytes, not a re-serialized copy.
 */
public class RawCdrDeserializer extends ObjectMapperDeserializer<RawCdr> {

    public RawCdrDeserializer() {
        super(RawCdr.class);
    }

    @Override
    public RawCdr deserialize(String topic, byte[] data) {
        return RawCdrRules.requireRatable(super.deserialize(topic, data));
    }
}
