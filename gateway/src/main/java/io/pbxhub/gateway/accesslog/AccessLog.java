package io.pbxhub.gateway.accesslog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.HttpServerRequest;

/**
 * Records every proxied request. Requests never wait for the database: entries queue in memory and a scheduled job
 * writes them in batches. If the database falls behind by more than the queue holds, entries are counted in
 * {@code pbxhub_gateway_access_log_dropped_total} instead of slowing the API down.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final int CAPACITY = 50_000;
    private static final int BATCH = 1_000;

    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AgroalDataSource dataSource;
    private final Counter dropped;

    public AccessLog(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.dropped = registry.counter("pbxhub_gateway_access_log_dropped_total");
    }

    public void record(String requestId, HttpServerRequest request, String service, int status, long nanos) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String path = request.path().length() > 2000 ? request.path().substring(0, 2000) : request.path();
        Entry e = new Entry(requestId, Instant.now(), request.method().name(), path, service, status,
                (int) (nanos / 1_000_000), ip);
        if (!queue.offer(e)) {
            dropped.increment();
        }
    }

    @Scheduled(every = "${pbxhub.gateway.access-log.flush-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            try {
                write(batch);
            } catch (SQLException ex) {
                LOG.warnf("access log write failed, %d entries dropped: %s", batch.size(), ex.getMessage());
                dropped.increment(batch.size());
                return;
            }
            batch.clear();
        }
    }

    private void write(List<Entry> batch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into access_log"
                        + " (request_id, at, method, path, service, status, duration_ms, client_ip)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Entry e : batch) {
                ps.setString(1, e.requestId());
                ps.setTimestamp(2, Timestamp.from(e.at()));
                ps.setString(3, e.method());
                ps.setString(4, e.path());
                ps.setString(5, e.service());
                ps.setInt(6, e.status());
                ps.setInt(7, e.durationMs());
                ps.setString(8, e.clientIp());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    record Entry(String requestId, Instant at, String method, String path, String service, int status,
            int durationMs, String clientIp) {
    }
}
