package io.pbxhub.instance.pbx3cx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;
import io.quarkus.panache.common.Sort;

/** 3CX call records. Each write refreshes the call log of the record's session, if it has one. */
@ApplicationScoped
public class Pbx3cxCallService {

    private final Pbx3cxCallLogService logs;

    public Pbx3cxCallService(Pbx3cxCallLogService logs) {
        this.logs = logs;
    }

    public List<Pbx3cxCall> list(Long hostId, String callId, int limit, int offset) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (hostId != null) {
            where.add("pbx3cxHostId = :host");
            params.put("host", hostId);
        }
        if (callId != null) {
            where.add("callId = :call");
            params.put("call", callId);
        }
        Sort newestFirst = Sort.descending("startedAt").and("id", Sort.Direction.Descending);
        var query = where.isEmpty()
                ? Pbx3cxCall.<Pbx3cxCall>findAll(newestFirst)
                : Pbx3cxCall.<Pbx3cxCall>find(String.join(" and ", where), newestFirst, params);
        return query.range(offset, offset + limit - 1).list();
    }

    public Optional<Pbx3cxCall> find(long id) {
        return Pbx3cxCall.findByIdOptional(id);
    }

    public Pbx3cxCall require(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("3CX call", id));
    }

    @Transactional
    public Pbx3cxCall create(Pbx3cxCallRequest r) {
        check(r);
        SessionLocks.lock(SessionLocks.key(r.pbx3cxHostId(), r.callId()));
        checkHistoryFree(r, null);
        Pbx3cxCall c = new Pbx3cxCall();
        c.createdAt = Instant.now();
        apply(c, r);
        c.persist();
        logs.refreshIfLogged(c.pbx3cxHostId, c.callId);
        return c;
    }

    /** Applies an edit (laid over the stored record); a record moved to another session refreshes both logs. */
    @Transactional
    public Pbx3cxCall update(long id, Pbx3cxCallRequest r) {
        check(r);
        // Row first, then sessions: the order every writer of call records follows, so none can deadlock another.
        Pbx3cxCall c = lockRow(id);
        long beforeHost = c.pbx3cxHostId;
        String beforeCall = c.callId;
        SessionLocks.lock(SessionLocks.key(beforeHost, beforeCall), SessionLocks.key(r.pbx3cxHostId(), r.callId()));
        checkHistoryFree(r, id);
        apply(c, r);
        logs.refreshIfLogged(beforeHost, beforeCall);
        logs.refreshIfLogged(c.pbx3cxHostId, c.callId);
        return c;
    }

    @Transactional
    public void delete(long id) {
        Pbx3cxCall c = lockRow(id);
        SessionLocks.lock(SessionLocks.key(c.pbx3cxHostId, c.callId));
        c.delete();
        logs.refreshIfLogged(c.pbx3cxHostId, c.callId);
    }

    private static Pbx3cxCall lockRow(long id) {
        return Pbx3cxCall.<Pbx3cxCall>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ApiException.notFound("3CX call", id));
    }

    private static void check(Pbx3cxCallRequest r) {
        if (Pbx3cxHost.findById(r.pbx3cxHostId()) == null) {
            throw ApiException.badRequest("pbx3cx_host_id: no 3CX host " + r.pbx3cxHostId());
        }
        if (r.answeredAt() != null && r.answeredAt().isBefore(r.startedAt())) {
            throw ApiException.badRequest("answered_at: must not be before started_at");
        }
        if (r.endedAt() != null && r.endedAt().isBefore(r.startedAt())) {
            throw ApiException.badRequest("ended_at: must not be before started_at");
        }
        if (r.endedAt() != null && r.answeredAt() != null && r.endedAt().isBefore(r.answeredAt())) {
            throw ApiException.badRequest("ended_at: must not be before answered_at");
        }
    }

    /** 3CX history ids identify one record on one host: a record pushed twice is refused, not stored twice. */
    private static void checkHistoryFree(Pbx3cxCallRequest r, Long self) {
        if (r.historyId() == null) {
            return;
        }
        long taken = self == null
                ? Pbx3cxCall.count("pbx3cxHostId = ?1 and historyId = ?2", r.pbx3cxHostId(), r.historyId())
                : Pbx3cxCall.count("pbx3cxHostId = ?1 and historyId = ?2 and id <> ?3", r.pbx3cxHostId(),
                        r.historyId(), self);
        if (taken > 0) {
            throw ApiException.conflict("3CX host " + r.pbx3cxHostId() + " already has a call with history_id "
                    + r.historyId());
        }
    }

    private static void apply(Pbx3cxCall c, Pbx3cxCallRequest r) {
        c.pbx3cxHostId = r.pbx3cxHostId();
        c.historyId = r.historyId();
        c.callId = r.callId();
        c.fromNumber = r.fromNumber();
        c.fromName = r.fromName();
        c.fromType = r.fromType();
        c.toNumber = r.toNumber();
        c.toName = r.toName();
        c.toType = r.toType();
        c.dialNumber = r.dialNumber();
        c.finalNumber = r.finalNumber();
        c.finalName = r.finalName();
        c.finalType = r.finalType();
        c.startedAt = r.startedAt();
        c.answeredAt = r.answeredAt();
        c.endedAt = r.endedAt();
        c.duration = r.duration() != null ? r.duration() : talkSeconds(r);
        c.direction = lower(r.direction());
        c.status = r.status() != null ? lower(r.status()) : derivedStatus(r);
        c.reasonTerminated = r.reasonTerminated();
        c.recordingUrl = r.recordingUrl();
        c.updatedAt = Instant.now();
    }

    /** Without an explicit duration, a record with answer and end times talked from one to the other. */
    private static Integer talkSeconds(Pbx3cxCallRequest r) {
        if (r.answeredAt() == null || r.endedAt() == null) {
            return null;
        }
        return (int) Math.min(Duration.between(r.answeredAt(), r.endedAt()).toSeconds(),
                Pbx3cxCallRequest.MAX_DURATION);
    }

    private static String derivedStatus(Pbx3cxCallRequest r) {
        if (r.answeredAt() != null) {
            return "answered";
        }
        return r.endedAt() != null ? "unanswered" : null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
