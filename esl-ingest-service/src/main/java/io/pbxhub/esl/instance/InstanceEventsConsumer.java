package io.pbxhub.esl.instance;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.esl.connection.EslConnectionManager;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;

/**
 * Keeps the ESL connections in step with {@code instance-events}. Applying a record only changes in-memory state and
 * starts connection attempts, so it never blocks; connecting and fetching the password happen in the connection.
 */
@ApplicationScoped
public class InstanceEventsConsumer {

    private static final Logger LOG = Logger.getLogger(InstanceEventsConsumer.class);

    private final EslConnectionManager connections;

    public InstanceEventsConsumer(EslConnectionManager connections) {
        this.connections = connections;
    }

    @Incoming("instance-events")
    public void onInstanceEvent(ConsumerRecord<String, InstanceEvent> record) {
        InstanceEvent event = record.value();
        if (event == null) {
            if (record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON) != null) {
                // Nacked, so the dead-letter queue keeps the unreadable record with the reason.
                throw new IllegalArgumentException("unreadable instance-events record at offset " + record.offset());
            }
            tombstone(record);
            return;
        }
        if (event.instanceId() == null || event.change() == null) {
            throw new IllegalArgumentException("instance-events record without instanceId or change at offset "
                    + record.offset());
        }
        LOG.debugf("instance %s: %s v%d", event.instanceId(), event.change(), event.version());
        connections.apply(event, record.partition());
    }

    private void tombstone(ConsumerRecord<String, InstanceEvent> record) {
        try {
            connections.removed(UUID.fromString(record.key()));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warnf("ignoring a tombstone with key %s: not an instance id", record.key());
        }
    }
}
