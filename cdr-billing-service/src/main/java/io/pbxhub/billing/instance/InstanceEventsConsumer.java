package io.pbxhub.billing.instance;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.contracts.Topics;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps {@code billing_instance} in step with {@code instance-events} (own consumer group). Values are read as text
 * and parsed here; an unreadable record is nacked to {@code instance-events.dlq} with the reason.
 */
@ApplicationScoped
public class InstanceEventsConsumer {

    private static final Logger LOG = Logger.getLogger(InstanceEventsConsumer.class);

    private final BillingInstances instances;
    private final ObjectMapper json;

    public InstanceEventsConsumer(BillingInstances instances, ObjectMapper json) {
        this.instances = instances;
        this.json = json;
    }

    @Incoming(Topics.INSTANCE_EVENTS)
    @Blocking
    public void onInstanceEvent(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            tombstone(record.key());
            return;
        }
        InstanceEvent event;
        try {
            event = json.readValue(record.value(), InstanceEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable instance-events record: " + e.getOriginalMessage());
        }
        if (event == null || event.instanceId() == null || event.change() == null) {
            throw new IllegalArgumentException("instance-events record without instanceId or change");
        }
        LOG.debugf("instance %s: %s v%d", event.instanceId(), event.change(), event.version());
        instances.apply(event);
    }

    private void tombstone(String key) {
        try {
            instances.removed(UUID.fromString(key));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warnf("ignoring a tombstone with key %s: not an instance id", key);
        }
    }
}
