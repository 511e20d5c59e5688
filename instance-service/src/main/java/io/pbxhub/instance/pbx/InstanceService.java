package io.pbxhub.instance.pbx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;
import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.instance.outbox.Outbox;
import io.pbxhub.instance.secret.SecretCipher;

/** Registers FusionPBX instances: stores them with secrets encrypted and announces every change on the outbox. */
@ApplicationScoped
public class InstanceService {

    static final int DEFAULT_ESL_PORT = 8021;

    private final SecretCipher cipher;
    private final Outbox outbox;

    public InstanceService(SecretCipher cipher, Outbox outbox) {
        this.cipher = cipher;
        this.outbox = outbox;
    }

    @Transactional
    public PbxInstance create(InstanceRequest request) {
        if (PbxInstance.count("lower(name) = ?1", request.name().toLowerCase(java.util.Locale.ROOT)) > 0) {
            throw ApiException.conflict("an instance named '" + request.name() + "' already exists");
        }
        PbxInstance i = new PbxInstance();
        i.id = UUID.randomUUID();
        i.tenantId = request.tenantId();
        i.name = request.name();
        i.hostname = request.hostname();
        String dbType = request.database().type() == null ? "postgresql" : request.database().type();
        i.dbType = dbType;
        i.dbHost = request.database().host();
        i.dbPort = request.database().port() != null
                ? request.database().port()
                : "postgresql".equals(dbType) ? 5432 : 3306;
        i.dbName = request.database().name();
        i.dbUsername = request.database().username();
        i.dbPasswordEncrypted = cipher.encrypt(request.database().password());
        i.eslHost = request.esl().host();
        i.eslPort = request.esl().port() != null ? request.esl().port() : DEFAULT_ESL_PORT;
        i.eslPasswordEncrypted = cipher.encrypt(request.esl().password());
        i.createdAt = Instant.now();
        i.updatedAt = i.createdAt;
        i.persistAndFlush();
        outbox.append(i.id.toString(), event(i, InstanceEvent.Change.CREATED));
        return i;
    }

    public List<PbxInstance> list() {
        return PbxInstance.listAll(io.quarkus.panache.common.Sort.by("name"));
    }

    public Optional<PbxInstance> find(UUID id) {
        return PbxInstance.findByIdOptional(id);
    }

    /** Decrypted credentials, for the internal endpoint only. */
    public Optional<InstanceCredentials> credentials(UUID id) {
        return find(id).map(i -> new InstanceCredentials(i.id, cipher.decrypt(i.eslPasswordEncrypted), i.dbUsername,
                cipher.decrypt(i.dbPasswordEncrypted)));
    }

    /** The topic record: settings without any secret. */
    static InstanceEvent event(PbxInstance i, InstanceEvent.Change change) {
        return new InstanceEvent(i.id, change, i.version, i.tenantId, i.name, i.hostname,
                InstanceEvent.PbxType.valueOf(i.pbxType), i.eslHost, i.eslPort, i.dbType, i.dbHost, i.dbPort, i.dbName,
                Instant.now());
    }
}
