package io.pbxhub.esl.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;

/**
 * The replay marks in the service's PostgreSQL ({@code esl_event_mark}). Marks that moved are kept here and written in
 * one batch per {@code pbxhub.esl.mark-flush-interval} (1 s), not per event; a mark lost to a crash in between only
 * means a replay of that last second is filtered by memory instead (or, after a restart, let through once).
 */
@Singleton
public class JdbcEventMarkStore implements EventMarkStore {

    private static final Logger LOG = Logger.getLogger(JdbcEventMarkStore.class);

    private static final String SELECT = "SELECT core_uuid, last_event_sequence FROM esl_event_mark "
            + "WHERE instance_id = ?";
    /** Within one FreeSWITCH start the mark only moves forward, whichever replica writes last. */
    private static final String UPSERT = "INSERT INTO esl_event_mark (instance_id, core_uuid, last_event_sequence) "
            + "VALUES (?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET core_uuid = excluded.core_uuid, "
            + "last_event_sequence = CASE WHEN esl_event_mark.core_uuid = excluded.core_uuid "
            + "THEN GREATEST(esl_event_mark.last_event_sequence, excluded.last_event_sequence) "
            + "ELSE excluded.last_event_sequence END, updated_at = now()";

    private final DataSource dataSource;
    private final Vertx vertx;
    private final Map<UUID, EventMark> dirty = new ConcurrentHashMap<>();

    public JdbcEventMarkStore(DataSource dataSource, Vertx vertx) {
        this.dataSource = dataSource;
        this.vertx = vertx;
    }

    @Override
    public CompletionStage<Optional<EventMark>> load(UUID instanceId) {
        EventMark unwritten = dirty.get(instanceId);
        if (unwritten != null) {
            return CompletableFuture.completedFuture(Optional.of(unwritten));
        }
        return vertx.executeBlocking(() -> select(instanceId), false).toCompletionStage();
    }

    @Override
    public void advanced(UUID instanceId, EventMark mark) {
        dirty.merge(instanceId, mark, (old, now) -> old.coreUuid().equals(now.coreUuid())
                && old.sequence() > now.sequence() ? old : now);
    }

    /** Writes the marks that moved since the last flush, in one batch. */
    @Scheduled(every = "${pbxhub.esl.mark-flush-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        Map<UUID, EventMark> batch = new HashMap<>();
        for (UUID id : dirty.keySet()) {
            EventMark mark = dirty.remove(id);
            if (mark != null) {
                batch.put(id, mark);
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            for (Map.Entry<UUID, EventMark> e : batch.entrySet()) {
                upsert.setObject(1, e.getKey());
                upsert.setString(2, e.getValue().coreUuid());
                upsert.setLong(3, e.getValue().sequence());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            // keep them for the next flush unless a newer mark came meanwhile
            batch.forEach(this::advanced);
            LOG.warnf("cannot write %d replay mark(s): %s", batch.size(), e.getMessage());
        }
    }

    @PreDestroy
    void shutdown() {
        flush();
    }

    private Optional<EventMark> select(UUID instanceId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT)) {
            select.setObject(1, instanceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new EventMark(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }
}
