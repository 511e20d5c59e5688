package io.pbxhub.instance.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.common.error.ApiException;
import io.quarkus.panache.common.Sort;

/**
 * The audit records API. Records written through it are treated like those {@link AuditTrail} writes: the actor is the
 * caller and secrets are removed. An audit record is history, so an edit may only change its comment.
 */
@ApplicationScoped
public class AuditService {

    /** Audited values larger than this are refused: an audit row is a note about a change, not a file store. */
    static final int MAX_VALUES_CHARS = 1_048_576;

    private final AuditTrail trail;
    private final ObjectMapper mapper;

    public AuditService(AuditTrail trail, ObjectMapper mapper) {
        this.trail = trail;
        this.mapper = mapper;
    }

    public record Filter(String auditableType, String auditableId, String event) {
    }

    public List<Audit> list(Filter filter, int limit, int offset) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (filter.auditableType() != null) {
            where.add("auditableType = :type");
            params.put("type", filter.auditableType());
        }
        if (filter.auditableId() != null) {
            where.add("auditableId = :id");
            params.put("id", filter.auditableId());
        }
        if (filter.event() != null) {
            where.add("event = :event");
            params.put("event", filter.event());
        }
        Sort newestFirst = Sort.descending("id");
        var query = where.isEmpty()
                ? Audit.<Audit>findAll(newestFirst)
                : Audit.<Audit>find(String.join(" and ", where), newestFirst, params);
        // Panache pages by index; offset need not be a multiple of limit, so use a range.
        return query.range(offset, offset + limit - 1).list();
    }

    public Optional<Audit> find(long id) {
        return Audit.findByIdOptional(id);
    }

    public Audit require(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("audit record", id));
    }

    @Transactional
    public Audit create(AuditRequest r) {
        checkSize("old_values", r.oldValues());
        checkSize("new_values", r.newValues());
        return trail.record(r.auditableType(), r.auditableId(), r.event(), r.oldValues(), r.newValues(), r.comment());
    }

    /** Changes the comment; any other field sent with a different value is refused (409). */
    @Transactional
    public Audit update(long id, AuditRequest r) {
        Audit a = Audit.<Audit>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiException.notFound("audit record", id));
        List<String> changed = new ArrayList<>();
        if (!r.auditableType().equals(a.auditableType)) {
            changed.add("auditable_type");
        }
        if (!r.auditableId().equals(a.auditableId)) {
            changed.add("auditable_id");
        }
        if (!r.event().equals(a.event)) {
            changed.add("event");
        }
        if (!Objects.equals(trail.json(r.oldValues()), a.oldValues)) {
            changed.add("old_values");
        }
        if (!Objects.equals(trail.json(r.newValues()), a.newValues)) {
            changed.add("new_values");
        }
        if (!changed.isEmpty()) {
            throw ApiException.conflict("audit records are history: only comment can be changed, not "
                    + String.join(", ", changed));
        }
        a.comment = r.comment();
        return a;
    }

    @Transactional
    public void delete(long id) {
        if (!Audit.deleteById(id)) {
            throw ApiException.notFound("audit record", id);
        }
    }

    /** The stored state as a request, so an edit can be laid over it. */
    AuditRequest asRequest(Audit a) {
        return new AuditRequest(a.auditableType, a.auditableId, a.event, parse(a.oldValues), parse(a.newValues),
                a.comment);
    }

    public AuditView view(Audit a) {
        return new AuditView(a.id, a.auditableType, a.auditableId, a.event, a.actor, parse(a.oldValues),
                parse(a.newValues), a.comment, a.createdAt);
    }

    private JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit values are not JSON", e);
        }
    }

    private void checkSize(String field, JsonNode values) {
        String json = trail.json(values);
        if (json != null && json.length() > MAX_VALUES_CHARS) {
            throw ApiException.badRequest(field + ": at most " + MAX_VALUES_CHARS + " characters of JSON");
        }
    }
}
