package io.pbxhub.billing.cdr;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RatedCdr;

/**
 * The {@code cdr_rated_outbox} table: one row per intake transaction that stored CDRs, naming them by natural key,
 * written in that transaction and deleted once the broker acknowledged their {@code cdr-rated} events. One small row
 * per transaction instead of one per CDR keeps the outbox off the intake's critical path.
 */
@ApplicationScoped
public class RatedCdrOutbox {

    private static final String ADD = "INSERT INTO cdr_rated_outbox (instance_ids, cdr_uuids)"
            + " VALUES (?::uuid[], ?) RETURNING id";
    private static final String STALE = "SELECT id, instance_ids::text[], cdr_uuids FROM cdr_rated_outbox"
            + " WHERE created_at < now() - ? * interval '1 millisecond' ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String EVENTS = """
            SELECT r.cdr_uuid, r.instance_id, r.tenant_id, r.account_id, r.direction, r.destination_number,
                r.billsec, r.billed_seconds, r.matched_by, r.matched_prefix, r.charge, r.currency, r.rated_at
            FROM rated_cdr r JOIN unnest(?::uuid[], ?::text[]) AS k(instance_id, cdr_uuid)
                ON r.instance_id = k.instance_id AND r.cdr_uuid = k.cdr_uuid""";

    private final DataSource dataSource;

    public RatedCdrOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Names the events' CDRs in the caller's transaction; returns the row's id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long add(List<RatedCdr> events) {
        String[] instances = new String[events.size()];
        String[] cdrs = new String[events.size()];
        for (int n = 0; n < events.size(); n++) {
            instances[n] = events.get(n).instanceId().toString();
            cdrs[n] = events.get(n).cdrUuid();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement add = connection.prepareStatement(ADD)) {
            add.setArray(1, connection.createArrayOf("text", instances));
            add.setArray(2, connection.createArrayOf("text", cdrs));
            try (ResultSet row = add.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the cdr-rated outbox: " + e.getMessage(), e);
        }
    }

    /** Drops rows whose events were all acknowledged; its own transaction unless the caller has one. */
    @Transactional
    public void delete(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection
                        .prepareStatement("DELETE FROM cdr_rated_outbox WHERE id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear the cdr-rated outbox: " + e.getMessage(), e);
        }
    }

    /**
     * Rows older than {@code age}, locked until the caller's transaction ends (another replica skips them), with
     * their events rebuilt from the stored CDRs.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Pending> lockStale(Duration age, int limit) {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement stale = connection.prepareStatement(STALE);
                PreparedStatement events = connection.prepareStatement(EVENTS)) {
            stale.setLong(1, age.toMillis());
            stale.setInt(2, limit);
            try (ResultSet found = stale.executeQuery()) {
                while (found.next()) {
                    rows.add(new Row(found.getLong(1), found.getArray(2), found.getArray(3)));
                }
            }
            List<Pending> pending = new ArrayList<>(rows.size());
            for (Row row : rows) {
                events.setArray(1, row.instanceIds());
                events.setArray(2, row.cdrUuids());
                List<RatedCdr> found = new ArrayList<>();
                try (ResultSet r = events.executeQuery()) {
                    while (r.next()) {
                        found.add(event(r));
                    }
                }
                pending.add(new Pending(row.id(), found));
            }
            return pending;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the cdr-rated outbox: " + e.getMessage(), e);
        }
    }

    private static RatedCdr event(ResultSet r) throws SQLException {
        long account = r.getLong(4);
        String accountId = r.wasNull() ? null : String.valueOf(account);
        return new RatedCdr(r.getString(1), r.getObject(2, UUID.class), r.getString(3), accountId,
                Direction.valueOf(r.getString(5)), r.getString(6), r.getLong(7), r.getLong(8), r.getString(9),
                r.getString(10), r.getBigDecimal(11), r.getString(12).strip(),
                r.getTimestamp(13).toInstant());
    }

    /** An outbox row and the events of the CDRs it names. */
    public record Pending(long id, List<RatedCdr> events) {
    }

    private record Row(long id, Array instanceIds, Array cdrUuids) {
    }
}
