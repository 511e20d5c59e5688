package io.pbxhub.instance.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;
import io.pbxhub.instance.audit.AuditTrail;
import io.pbxhub.instance.pbx.PbxInstance;
import io.quarkus.panache.common.Sort;

/** Tenants and their assignment to PBX instances. */
@ApplicationScoped
public class TenantService {

    private static final String AUDIT_TYPE = "tenant";

    private final AuditTrail audit;

    public TenantService(AuditTrail audit) {
        this.audit = audit;
    }

    public List<Tenant> list(UUID instanceId) {
        return instanceId == null
                ? Tenant.listAll(Sort.by("id"))
                : Tenant.list("instanceId", Sort.by("id"), instanceId);
    }

    public Optional<Tenant> find(String id) {
        return Tenant.findByIdOptional(id);
    }

    @Transactional
    public Tenant create(TenantRequest request) {
        if (request.id() == null) {
            throw ApiException.badRequest("id: must not be null");
        }
        if (Tenant.findById(request.id()) != null) {
            throw ApiException.conflict("tenant '" + request.id() + "' already exists");
        }
        Tenant t = new Tenant();
        t.id = request.id();
        t.createdAt = Instant.now();
        apply(t, request);
        t.persist();
        audit.record(AUDIT_TYPE, t.id, AuditTrail.CREATED, null, TenantView.of(t));
        return t;
    }

    @Transactional
    public Tenant update(String id, TenantRequest request) {
        Tenant t = Tenant.<Tenant>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("tenant", id));
        if (request.id() != null && !request.id().equals(id)) {
            throw ApiException.badRequest("id: cannot be changed");
        }
        TenantView before = TenantView.of(t);
        apply(t, request);
        audit.record(AUDIT_TYPE, id, AuditTrail.UPDATED, before, TenantView.of(t));
        return t;
    }

    /** Assigns the tenant to an instance, moves it to another, or (null) leaves it unassigned. */
    @Transactional
    public Tenant assign(String id, UUID instanceId) {
        Tenant t = Tenant.<Tenant>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("tenant", id));
        checkInstance(instanceId, t.domainName, id);
        TenantView before = TenantView.of(t);
        t.instanceId = instanceId;
        t.updatedAt = Instant.now();
        audit.record(AUDIT_TYPE, id, AuditTrail.UPDATED, before, TenantView.of(t));
        return t;
    }

    @Transactional
    public void delete(String id) {
        Tenant t = Tenant.<Tenant>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("tenant", id));
        audit.record(AUDIT_TYPE, id, AuditTrail.DELETED, TenantView.of(t), null);
        t.delete();
    }

    private void apply(Tenant t, TenantRequest request) {
        checkInstance(request.instanceId(), request.domainName(), t.id);
        t.name = request.name();
        t.domainName = request.domainName() == null ? null : request.domainName().toLowerCase(Locale.ROOT);
        t.instanceId = request.instanceId();
        t.updatedAt = Instant.now();
    }

    private static void checkInstance(UUID instanceId, String domainName, String tenantId) {
        if (instanceId == null) {
            return;
        }
        if (PbxInstance.findById(instanceId) == null) {
            throw ApiException.notFound("instance", instanceId);
        }
        if (domainName != null && Tenant.count("instanceId = ?1 and lower(domainName) = ?2 and id <> ?3", instanceId,
                domainName.toLowerCase(Locale.ROOT), tenantId) > 0) {
            throw ApiException.conflict("domain " + domainName + " already belongs to another tenant on that instance");
        }
    }
}
