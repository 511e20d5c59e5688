package io.pbxhub.instance.pbx;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;
import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.instance.audit.AuditTrail;
import io.pbxhub.instance.connection.ProbeTarget;
import io.pbxhub.instance.outbox.Outbox;
import io.pbxhub.instance.secret.SecretCipher;
import io.pbxhub.instance.tenant.Tenant;
import io.pbxhub.instance.tier.TierPolicy;
import io.quarkus.panache.common.Sort;

/**
 * Registers, edits and removes FusionPBX instances. Secrets are encrypted before they are stored, and every change is
 * announced on instance-events through the outbox, in the same transaction.
 */
@ApplicationScoped
public class InstanceService {

    static final int DEFAULT_ESL_PORT = 8021;
    static final String AUDIT_TYPE = "pbx_instance";

    private final SecretCipher cipher;
    private final Outbox outbox;
    private final TierPolicy tier;
    private final AuditTrail audit;

    public InstanceService(SecretCipher cipher, Outbox outbox, TierPolicy tier, AuditTrail audit) {
        this.cipher = cipher;
        this.outbox = outbox;
        this.tier = tier;
        this.audit = audit;
    }

    @Transactional
    public PbxInstance create(InstanceRequest request) {
        if (request.esl().password() == null || request.esl().password().isBlank()) {
            throw ApiException.badRequest("esl.password: must not be blank");
        }
        // Serialize creations so two concurrent requests cannot both pass the tier check.
        PbxInstance.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(8021)").getSingleResult();
        tier.checkCanAdd(PbxInstance.count());
        checkNameFree(request.name(), null);
        PbxInstance i = new PbxInstance();
        i.id = UUID.randomUUID();
        i.createdAt = Instant.now();
        apply(i, request);
        i.persistAndFlush();
        outbox.append(i.id.toString(), event(i, InstanceEvent.Change.CREATED));
        audit.record(AUDIT_TYPE, i.id.toString(), AuditTrail.CREATED, null, InstanceView.of(i, null));
        return i;
    }

    /** Applies an edit; returns whether a connection setting changed (the operator should test again). */
    @Transactional
    public Edit update(UUID id, InstanceRequest request) {
        PbxInstance i = require(id);
        checkNameFree(request.name(), id);
        String before = connectionFingerprint(i);
        InstanceView beforeView = InstanceView.of(i, null);
        apply(i, request);
        boolean connectionChanged = !before.equals(connectionFingerprint(i));
        i.persistAndFlush();
        outbox.append(i.id.toString(), event(i, InstanceEvent.Change.UPDATED));
        audit.record(AUDIT_TYPE, i.id.toString(), AuditTrail.UPDATED, beforeView, InstanceView.of(i, null));
        return new Edit(i, connectionChanged);
    }

    public record Edit(PbxInstance instance, boolean connectionChanged) {
    }

    /** Removes an instance; refused while tenants are assigned to it. Tenants and their data are never deleted. */
    @Transactional
    public void delete(UUID id) {
        PbxInstance i = require(id);
        long tenants = Tenant.countOnInstance(id);
        if (tenants > 0) {
            throw ApiException.conflict("instance '" + i.name + "' still has " + tenants + " tenant"
                    + (tenants == 1 ? "" : "s") + " assigned: reassign them first");
        }
        InstanceEvent deleted = event(i, InstanceEvent.Change.DELETED);
        audit.record(AUDIT_TYPE, id.toString(), AuditTrail.DELETED, InstanceView.of(i, null), null);
        i.delete();
        outbox.append(id.toString(), new InstanceEvent(deleted.instanceId(), deleted.change(), deleted.version() + 1,
                deleted.tenantId(), deleted.name(), deleted.hostname(), deleted.pbxType(), null, null, null, null,
                null, null, deleted.occurredAt()));
    }

    public List<PbxInstance> list() {
        return PbxInstance.listAll(Sort.by("name"));
    }

    public Optional<PbxInstance> find(UUID id) {
        return PbxInstance.findByIdOptional(id);
    }

    /** Decrypted credentials, for the internal endpoint only. */
    public Optional<InstanceCredentials> credentials(UUID id) {
        return find(id).map(i -> new InstanceCredentials(i.id, cipher.decrypt(i.eslPasswordEncrypted), i.dbUsername,
                cipher.decrypt(i.dbPasswordEncrypted)));
    }

    /** What the probes need to reach a stored instance, secrets decrypted. */
    public ProbeTarget probeTarget(PbxInstance i) {
        return new ProbeTarget(i.dbType, i.dbHost, i.dbPort == null ? 0 : i.dbPort, i.dbName, i.dbUsername,
                cipher.decrypt(i.dbPasswordEncrypted), i.eslHost, i.eslPort == null ? DEFAULT_ESL_PORT : i.eslPort,
                cipher.decrypt(i.eslPasswordEncrypted));
    }

    /** What the probes need to test settings that are not saved yet. */
    public static ProbeTarget probeTarget(InstanceRequest r) {
        String dbType = r.database().type() == null ? "postgresql" : r.database().type();
        return new ProbeTarget(dbType, r.database().host(), dbPort(dbType, r.database().port()), r.database().name(),
                r.database().username(), r.database().password(), r.esl().host(),
                r.esl().port() == null ? DEFAULT_ESL_PORT : r.esl().port(), r.esl().password());
    }

    PbxInstance require(UUID id) {
        return find(id).orElseThrow(() -> ApiException.notFound("instance", id));
    }

    private void apply(PbxInstance i, InstanceRequest request) {
        i.tenantId = request.tenantId();
        i.name = request.name();
        i.hostname = request.hostname();
        i.dbType = request.database().type() == null ? "postgresql" : request.database().type();
        i.dbHost = request.database().host();
        i.dbPort = dbPort(i.dbType, request.database().port());
        i.dbName = request.database().name();
        i.dbUsername = request.database().username();
        if (request.database().password() != null) {
            i.dbPasswordEncrypted = cipher.encrypt(request.database().password());
        }
        i.eslHost = request.esl().host();
        i.eslPort = request.esl().port() != null ? request.esl().port() : DEFAULT_ESL_PORT;
        if (request.esl().password() != null) {
            i.eslPasswordEncrypted = cipher.encrypt(request.esl().password());
        }
        i.updatedAt = Instant.now();
    }

    private static int dbPort(String dbType, Integer port) {
        if (port != null) {
            return port;
        }
        return "postgresql".equals(dbType) ? 5432 : 3306;
    }

    private static void checkNameFree(String name, UUID self) {
        String lower = name.toLowerCase(Locale.ROOT);
        long taken = self == null
                ? PbxInstance.count("lower(name) = ?1", lower)
                : PbxInstance.count("lower(name) = ?1 and id <> ?2", lower, self);
        if (taken > 0) {
            throw ApiException.conflict("an instance named '" + name + "' already exists");
        }
    }

    /** Changes to any of these mean the last connection test no longer holds (kept in memory only). */
    private String connectionFingerprint(PbxInstance i) {
        return String.join("|", Objects.toString(i.dbType), Objects.toString(i.dbHost), Objects.toString(i.dbPort),
                Objects.toString(i.dbName), Objects.toString(i.dbUsername),
                Objects.toString(cipher.decrypt(i.dbPasswordEncrypted)), Objects.toString(i.eslHost),
                Objects.toString(i.eslPort), Objects.toString(cipher.decrypt(i.eslPasswordEncrypted)));
    }

    /** The topic record: settings without any secret. */
    static InstanceEvent event(PbxInstance i, InstanceEvent.Change change) {
        return new InstanceEvent(i.id, change, i.version, i.tenantId, i.name, i.hostname,
                InstanceEvent.PbxType.valueOf(i.pbxType), i.eslHost, i.eslPort, i.dbType, i.dbHost, i.dbPort,
                i.dbName, Instant.now());
    }
}
