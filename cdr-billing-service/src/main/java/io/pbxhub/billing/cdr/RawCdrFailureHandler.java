package io.pbxhub.billing.cdr;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import io.pbxhub.contracts.RawCdr;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;

/**
 * Turns a {@code cdr-raw} record that cannot be read or rated into a failed message instead of a failed consumer:
 * the connector then nacks it to {@code cdr-raw.dlq} (with the original bytes and the reason) and moves on, so one
 * poison record never blocks its partition.
 */
@ApplicationScoped
@Identifier(RawCdrFailureHandler.NAME)
public class RawCdrFailureHandler implements DeserializationFailureHandler<RawCdr> {

    public static final String NAME = "cdr-raw-failures";

    private static final Logger LOG = Logger.getLogger(RawCdrFailureHandler.class);

    @Override
    public RawCdr handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
            Exception exception, Headers headers) {
        // The reason only: the record itself holds phone numbers and goes to the dead-letter topic, not to logs.
        LOG.warnf("refusing a %s record (%s): %s", topic, isKey ? "key" : "value", reason(exception));
        return null;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
