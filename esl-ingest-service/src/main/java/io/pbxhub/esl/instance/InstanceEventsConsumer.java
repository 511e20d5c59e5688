package io.pbxhub.esl.instance;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.esl.connection.EslConnectionManager;

/**
 * Keeps the ESL connections in step with {@code instance-events}. Applying a record only changes in-memory state and
 * starts connection attempts, so it never blocks; connecting and fetching the password happen in the connection.
 */
@ApplicationScoped
public class InstanceEventsConsumer {

    private static final Logger LOG = Logger.getLogger(InstanceEventsConsumer.class);

    private final EslConnectionManager connections;
    private final ObjectMapper json;

    public InstanceEventsConsumer(EslConnectionManager connections, ObjectMapper json) {
        this.connections = connections;
        this.json = json;
    }

    /**
     * The value is read as text and parsed here: a record that does not parse is refused (nacked), so the dead-letter
     * topic keeps it byte for byte with the reason, and the next record is handled.
     */
    @Incoming("instance-events")
    public void onInstanceEvent(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            tombstone(record);
            return;
        }
        InstanceEvent event;
        try {
            event = json.readValue(record.value(), InstanceEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable instance-events record at offset " + record.offset() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new IllegalArgumentException("instance-events record 'null' at offset " + record.offset());
        }
        if (event.instanceId() == null || event.change() == null) {
            throw new IllegalArgumentException("instance-events record without instanceId or change at offset "
                    + record.offset());
        }
        LOG.debugf("instance %s: %s v%d", event.instanceId(), event.change(), event.version());
        connections.apply(event, record.partition());
    }

    private void tombstone(ConsumerRecord<String, String> record) {
        try {
            connections.removed(UUID.fromString(record.key()));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warnf("ignoring a tombstone with key %s: not an instance id", record.key());
        }
    }
}
