package io.pbxhub.sync.instance;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.contracts.InstanceEvent;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps {@link KnownInstance} in step with instance-events. Idempotent and order-safe: an event older than the stored
 * version changes nothing, so redelivery after a crash is harmless. The offset is committed after the transaction.
 */
@ApplicationScoped
public class InstanceEventsListener {

    private final ObjectMapper mapper;

    public InstanceEventsListener(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Incoming("instance-events")
    @Blocking
    @Transactional
    public void onInstanceEvent(String json) throws JsonProcessingException {
        InstanceEvent event = mapper.readValue(json, InstanceEvent.class);
        if (event == null || event.instanceId() == null || event.change() == null) {
            throw new IllegalArgumentException("instance event without id or change");
        }
        KnownInstance known = KnownInstance.findById(event.instanceId());
        if (known != null && known.version > event.version()) {
            return;
        }
        if (known == null) {
            known = new KnownInstance();
            known.id = event.instanceId();
        }
        known.tenantId = event.tenantId();
        known.name = event.name() == null ? known.name : event.name();
        known.pbxType = event.pbxType() == null ? "FUSIONPBX" : event.pbxType().name();
        known.dbType = event.dbType();
        known.dbHost = event.dbHost();
        known.dbPort = event.dbPort();
        known.dbName = event.dbName();
        known.version = event.version();
        known.deleted = event.change() == InstanceEvent.Change.DELETED;
        known.updatedAt = Instant.now();
        known.persist();
    }
}
