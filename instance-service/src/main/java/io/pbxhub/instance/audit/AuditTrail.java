package io.pbxhub.instance.audit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes audit rows in the caller's transaction, so a change and its audit row are stored together or not at all. The
 * values before and after are stored as JSON with every secret removed (see {@link SecretFilter}); the actor is
 * {@link CurrentActor}.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";

    private final ObjectMapper mapper;
    private final CurrentActor actor;

    public AuditTrail(ObjectMapper mapper, CurrentActor actor) {
        this.mapper = mapper;
        this.actor = actor;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Audit record(String auditableType, String auditableId, String event, Object before, Object after) {
        return record(auditableType, auditableId, event, before, after, null);
    }

    /** As {@link #record(String, String, String, Object, Object)}, with a note (e.g. which secrets changed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Audit record(String auditableType, String auditableId, String event, Object before, Object after,
            String comment) {
        requireText("auditableType", auditableType);
        requireText("auditableId", auditableId);
        requireText("event", event);
        Audit a = new Audit();
        a.auditableType = auditableType;
        a.auditableId = auditableId;
        a.event = event;
        a.actor = actor.name();
        a.oldValues = json(before);
        a.newValues = json(after);
        a.comment = comment;
        a.createdAt = Instant.now();
        a.persist();
        return a;
    }

    /** Values as stored in an audit row: JSON text without secrets, or null. */
    String json(Object values) {
        if (values == null) {
            return null;
        }
        JsonNode tree = values instanceof JsonNode node ? node.deepCopy() : mapper.valueToTree(values);
        if (tree.isNull()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(SecretFilter.strip(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize audited values", e);
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required for an audit record");
        }
    }
}
