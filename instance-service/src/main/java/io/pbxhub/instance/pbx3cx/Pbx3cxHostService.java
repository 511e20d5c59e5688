package io.pbxhub.instance.pbx3cx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.common.error.ApiException;
import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.instance.audit.AuditTrail;
import io.pbxhub.instance.outbox.Outbox;
import io.pbxhub.instance.secret.SecretCipher;
import io.quarkus.panache.common.Sort;

/**
 * Registers, edits and removes 3CX hosts. Secrets are encrypted before they are stored, and every change writes an
 * audit record in the same transaction.
 */
@ApplicationScoped
public class Pbx3cxHostService {

    static final String AUDITABLE_TYPE = "pbx3cx_host";
    static final String DEFAULT_SSH_USERNAME = "phonesystem";
    static final int DEFAULT_FREQUENCY = 1440;

    private final SecretCipher cipher;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public Pbx3cxHostService(SecretCipher cipher, AuditTrail audit, Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.cipher = cipher;
        this.audit = audit;
        this.mapper = mapper;
    }

    public List<Pbx3cxHost> list(Long customerFileId, String tenantId) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (customerFileId != null) {
            where.add("customerFileId = :customer");
            params.put("customer", customerFileId);
        }
        if (tenantId != null) {
            where.add("tenantId = :tenant");
            params.put("tenant", tenantId);
        }
        return where.isEmpty()
                ? Pbx3cxHost.listAll(Sort.by("id"))
                : Pbx3cxHost.list(String.join(" and ", where), Sort.by("id"), params);
    }

    public Optional<Pbx3cxHost> find(long id) {
        return Pbx3cxHost.findByIdOptional(id);
    }

    public Pbx3cxHost require(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("3CX host", id));
    }

    @Transactional
    public Pbx3cxHost create(Pbx3cxHostRequest request) {
        String pbxMap = PbxMap.normalize(request.pbxMap(), mapper);
        checkLicenceDates(request);
        Pbx3cxHost h = new Pbx3cxHost();
        h.id = Pbx3cxHost.nextId();
        h.instanceId = UUID.randomUUID();
        h.code = Pbx3cxHost.codeFor(h.id);
        h.createdAt = Instant.now();
        apply(h, request, pbxMap);
        h.persistAndFlush();
        outbox.append(h.instanceId.toString(), event(h, InstanceEvent.Change.CREATED, h.version));
        audit.record(AUDITABLE_TYPE, h.id.toString(), AuditTrail.CREATED, null, Pbx3cxHostView.of(h));
        return h;
    }

    /** Applies an edit (already laid over the stored host, see {@link Pbx3cxHostRequest#of}). */
    @Transactional
    public Pbx3cxHost update(long id, Pbx3cxHostRequest request) {
        String pbxMap = PbxMap.normalize(request.pbxMap(), mapper);
        checkLicenceDates(request);
        Pbx3cxHost h = Pbx3cxHost.<Pbx3cxHost>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiException.notFound("3CX host", id));
        Pbx3cxHostView before = Pbx3cxHostView.of(h);
        List<String> secretsChanged = apply(h, request, pbxMap);
        h.flush();
        outbox.append(h.instanceId.toString(), event(h, InstanceEvent.Change.UPDATED, h.version));
        // The views only say whether a secret is set, so a replaced password would not show in before/after.
        audit.record(AUDITABLE_TYPE, h.id.toString(), AuditTrail.UPDATED, before, Pbx3cxHostView.of(h),
                secretsChanged.isEmpty() ? null : "secrets changed: " + String.join(", ", secretsChanged));
        return h;
    }

    /** Removes a host, with its calls and call logs. */
    @Transactional
    public void delete(long id) {
        Pbx3cxHost h = Pbx3cxHost.<Pbx3cxHost>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiException.notFound("3CX host", id));
        Pbx3cxHostView before = Pbx3cxHostView.of(h);
        outbox.append(h.instanceId.toString(), event(h, InstanceEvent.Change.DELETED, h.version + 1));
        h.delete();
        audit.record(AUDITABLE_TYPE, String.valueOf(before.id()), AuditTrail.DELETED, before, null);
    }

    /**
     * The host on instance-events, so billing (3CX CDR push) and the other services know it: its instance id, tenant
     * and host name; 3CX has no ESL or database settings, and secrets never go on a topic.
     */
    static InstanceEvent event(Pbx3cxHost h, InstanceEvent.Change change, long version) {
        return new InstanceEvent(h.instanceId, change, version, h.tenantId, h.hostName, h.hostName,
                InstanceEvent.PbxType.PBX3CX, null, null, null, null, null, null, Instant.now());
    }

    public List<Origin> origins(long id) {
        return PbxMap.origins(require(id).pbxMap, mapper);
    }

    /** Returns the names of the secrets that were set, replaced or cleared. */
    private List<String> apply(Pbx3cxHost h, Pbx3cxHostRequest r, String pbxMap) {
        h.tenantId = r.tenantId();
        h.customerFileId = r.customerFileId();
        // DNS names are case-insensitive: one spelling, so filters and comparisons agree.
        h.hostName = r.hostName().toLowerCase(Locale.ROOT);
        h.active = orDefault(r.active(), true);
        h.ipAddress = r.ipAddress();
        h.webUsername = r.webUsername();
        h.sshUsername = r.sshUsername() == null ? DEFAULT_SSH_USERNAME : r.sshUsername();
        h.licenceType = r.licenceType();
        h.licenceActivationDate = r.licenceActivationDate();
        h.licenceRenewalDate = r.licenceRenewalDate();
        h.sbcAliases = r.sbcAliases();
        h.backupsLocation = r.backupsLocation();
        h.fetchBackups = orDefault(r.fetchBackups(), false);
        h.backupsFrequency = r.backupsFrequency() == null ? DEFAULT_FREQUENCY : r.backupsFrequency();
        h.fetchCdr = orDefault(r.fetchCdr(), false);
        h.cdrFrequency = r.cdrFrequency() == null ? DEFAULT_FREQUENCY : r.cdrFrequency();
        h.pushCdr = orDefault(r.pushCdr(), false);
        h.fetchRecordings = orDefault(r.fetchRecordings(), false);
        h.recordingsFrequency = r.recordingsFrequency() == null ? DEFAULT_FREQUENCY : r.recordingsFrequency();
        h.pushRecordings = orDefault(r.pushRecordings(), false);
        h.makeCsvData = orDefault(r.makeCsvData(), false);
        h.clCallsIsSync = orDefault(r.clCallsIsSync(), true);
        h.clParticipantsIsSync = orDefault(r.clParticipantsIsSync(), true);
        h.pbxMap = pbxMap;
        h.comment = r.comment();
        h.updatedAt = Instant.now();

        List<String> changed = new ArrayList<>();
        h.webPasswordEncrypted = secret(h.webPasswordEncrypted, r.webPassword(), "web_password", changed);
        h.sshPasswordEncrypted = secret(h.sshPasswordEncrypted, r.sshPassword(), "ssh_password", changed);
        h.sshKeyEncrypted = secret(h.sshKeyEncrypted, r.sshKey(), "ssh_key", changed);
        h.licenceKeyEncrypted = secret(h.licenceKeyEncrypted, r.licenceKey(), "licence_key", changed);
        return changed;
    }

    /** Null keeps the stored secret, "" clears it, anything else replaces it. */
    private String secret(String stored, String sent, String name, List<String> changed) {
        if (sent == null) {
            return stored;
        }
        if (sent.isEmpty()) {
            if (stored != null) {
                changed.add(name + " (cleared)");
            }
            return null;
        }
        if (stored == null || !Objects.equals(cipher.decrypt(stored), sent)) {
            changed.add(name);
            return cipher.encrypt(sent);
        }
        return stored;
    }

    private static void checkLicenceDates(Pbx3cxHostRequest r) {
        if (r.licenceActivationDate() != null && r.licenceRenewalDate() != null
                && r.licenceRenewalDate().isBefore(r.licenceActivationDate())) {
            throw ApiException.badRequest("licence_renewal_date: must not be before licence_activation_date");
        }
    }

    private static boolean orDefault(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
