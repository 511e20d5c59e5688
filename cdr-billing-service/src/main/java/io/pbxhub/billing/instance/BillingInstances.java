package io.pbxhub.billing.instance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.contracts.InstanceEvent;

/** The instances table, kept in step with {@code instance-events}. */
@ApplicationScoped
public class BillingInstances {

    /**
     * Applies an event unless an equal or newer version is stored already (a replayed or reordered record changes
     * nothing). A deletion keeps the row, disabled, so the import state of the instance stays meaningful.
     */
    @Transactional
    public void apply(InstanceEvent event) {
        BillingInstance instance = BillingInstance.findById(event.instanceId());
        if (instance != null && instance.version > event.version()) {
            return;
        }
        if (instance == null) {
            if (event.change() == InstanceEvent.Change.DELETED) {
                return;
            }
            instance = new BillingInstance();
            instance.id = event.instanceId();
        }
        instance.version = event.version();
        instance.updatedAt = Instant.now();
        if (event.change() == InstanceEvent.Change.DELETED) {
            instance.enabled = false;
        } else {
            instance.enabled = true;
            instance.tenantId = event.tenantId();
            instance.name = event.name();
            instance.pbxType = event.pbxType() == null ? "FUSIONPBX" : event.pbxType().name();
            instance.dbType = event.dbType();
            instance.dbHost = event.dbHost();
            instance.dbPort = event.dbPort();
            instance.dbName = event.dbName();
        }
        instance.persist();
    }

    /** A tombstone: the instance is gone. */
    @Transactional
    public void removed(UUID instanceId) {
        BillingInstance instance = BillingInstance.findById(instanceId);
        if (instance != null) {
            instance.enabled = false;
            instance.updatedAt = Instant.now();
        }
    }

    @Transactional
    public Optional<BillingInstance> find(UUID id) {
        return BillingInstance.findByIdOptional(id);
    }

    /** Enabled FusionPBX instances with a database to read CDRs from. */
    @Transactional
    public List<BillingInstance> fusionPbxWithDatabase() {
        return BillingInstance.list("enabled = true and pbxType = 'FUSIONPBX' and dbHost is not null "
                + "and dbName is not null order by id");
    }
}
