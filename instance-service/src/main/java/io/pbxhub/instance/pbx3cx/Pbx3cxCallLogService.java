package io.pbxhub.instance.pbx3cx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;
import io.quarkus.panache.common.Sort;

/**
 * Call logs: one entry per call session, whose figures are recomputed ("refreshed") from the session's call records
 * when the entry is posted and whenever one of those records is created, edited or removed.
 */
@ApplicationScoped
public class Pbx3cxCallLogService {

    /** The entry and whether this request created it (201) or refreshed an existing one (200). */
    public record Saved(Pbx3cxCallLog log, boolean created) {
    }

    public List<Pbx3cxCallLog> listVisible(Long hostId, int limit, int offset) {
        Sort newestFirst = Sort.by("startedAt", Sort.Direction.Descending, Sort.NullPrecedence.NULLS_LAST)
                .and("id", Sort.Direction.Descending);
        var query = hostId == null
                ? Pbx3cxCallLog.<Pbx3cxCallLog>find("visible = true", newestFirst)
                : Pbx3cxCallLog.<Pbx3cxCallLog>find("visible = true and pbx3cxHostId = ?1", newestFirst, hostId);
        return query.range(offset, offset + limit - 1).list();
    }

    public Optional<Pbx3cxCallLog> find(long id) {
        return Pbx3cxCallLog.findByIdOptional(id);
    }

    public Pbx3cxCallLog require(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("3CX call log", id));
    }

    /** Creates the entry of a session, or refreshes it if it exists; {@code visible}, when given, is applied. */
    @Transactional
    public Saved createOrRefresh(Pbx3cxCallLogRequest r) {
        if (Pbx3cxHost.findById(r.pbx3cxHostId()) == null) {
            throw ApiException.badRequest("pbx3cx_host_id: no 3CX host " + r.pbx3cxHostId());
        }
        SessionLocks.lock(SessionLocks.key(r.pbx3cxHostId(), r.callId()));
        Optional<Pbx3cxCallLog> existing = findSession(r.pbx3cxHostId(), r.callId());
        Pbx3cxCallLog log = existing.orElseGet(() -> {
            Pbx3cxCallLog l = new Pbx3cxCallLog();
            l.pbx3cxHostId = r.pbx3cxHostId();
            l.callId = r.callId();
            l.createdAt = Instant.now();
            return l;
        });
        if (r.visible() != null) {
            log.visible = r.visible();
        }
        refresh(log);
        log.persist();
        return new Saved(log, existing.isEmpty());
    }

    /** Called by every write to a call record, with that session already locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    void refreshIfLogged(long hostId, String callId) {
        Pbx3cxCallLog.getEntityManager().flush();
        findSession(hostId, callId).ifPresent(this::refresh);
    }

    public Pbx3cxCallLogView.Detail detail(long id) {
        Pbx3cxCallLog log = require(id);
        List<Pbx3cxCall> segments = segments(log.pbx3cxHostId, log.callId);
        return new Pbx3cxCallLogView.Detail(Pbx3cxCallLogView.of(log), CallSession.of(segments).participants(),
                segments.stream().map(Pbx3cxCallView::of).toList());
    }

    private void refresh(Pbx3cxCallLog log) {
        log.apply(CallSession.of(segments(log.pbx3cxHostId, log.callId)), Instant.now());
    }

    private static List<Pbx3cxCall> segments(long hostId, String callId) {
        return Pbx3cxCall.<Pbx3cxCall>list("pbx3cxHostId = ?1 and callId = ?2", Sort.by("startedAt").and("id"),
                hostId, callId);
    }

    private static Optional<Pbx3cxCallLog> findSession(long hostId, String callId) {
        return Pbx3cxCallLog.find("pbx3cxHostId = ?1 and callId = ?2", hostId, callId).firstResultOptional();
    }
}
