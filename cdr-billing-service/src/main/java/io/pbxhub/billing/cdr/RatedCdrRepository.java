package io.pbxhub.billing.cdr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.pbxhub.billing.rating.PricedCall;
import io.pbxhub.billing.rating.Rating;
import io.pbxhub.contracts.RawCdr;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The store of rated CDRs: an idempotent insert for intake, and the queries of the CDR view. */
@ApplicationScoped
public class RatedCdrRepository implements PanacheRepositoryBase<RatedCdrEntity, Long> {

    private static final String COLUMNS = """
            instance_id, cdr_uuid, tenant_id, source, leg, direction, caller_id_name, caller_id_number,
            destination_number, domain, extension, start_time, answer_time, end_time, duration, billsec, billed_seconds,
            hangup_cause, hangup_cause_q850, charge, currency, matched_by, matched_prefix, rated_at, account_id,
            calltype, special_rule_id, special_pattern, billing_mode, rating_trace""";
    private static final int PARAMETERS = 30;
    private static final String ROW = "(" + "?, ".repeat(PARAMETERS - 1) + "?)";

    /**
     * One row, for the load benchmark's JDBC baseline: the same table, columns and conflict rule as the intake's
     * insert, sent as a plain JDBC batch.
     */
    static final String INSERT = "INSERT INTO rated_cdr (" + COLUMNS + ") VALUES " + ROW
            + " ON CONFLICT (instance_id, cdr_uuid) DO NOTHING";

    /**
     * Rows per statement of the intake's insert. A multi-row {@code VALUES} list costs PostgreSQL about half of what
     * the same rows cost as single-row statements (see docs/benchmarks.md); 128 rows are 3840 parameters, far below
     * the protocol's limit of 65535.
     */
    private static final int ROWS_PER_STATEMENT = 128;
    private static final String INSERT_FULL = insertOf(ROWS_PER_STATEMENT);

    private static final Sort NEWEST_FIRST = Sort.descending("startTime", "id");

    private final DataSource dataSource;

    public RatedCdrRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores rated CDRs, skipping any whose instance and CDR UUID is already stored (also earlier in the same list);
     * must run in the caller's transaction (the connection is enlisted in it). Multi-row inserts of up to
     * {@link #ROWS_PER_STATEMENT} rows that return the keys they wrote; plain JDBC because the insert must not fail on
     * a duplicate.
     *
     * @return per CDR, whether a row was written, i.e. this is the first delivery of the CDR
     */
    public boolean[] insertAllIfAbsent(List<RawCdr> raw, List<PricedCall> priced, Instant ratedAt) {
        boolean[] written = new boolean[raw.size()];
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < raw.size(); from += ROWS_PER_STATEMENT) {
                int to = Math.min(raw.size(), from + ROWS_PER_STATEMENT);
                String sql = to - from == ROWS_PER_STATEMENT ? INSERT_FULL : insertOf(to - from);
                // a CDR twice in the list: the first copy is the one written, the second conflicts with it
                Map<String, Integer> firstCopy = new HashMap<>();
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    int parameter = 0;
                    for (int n = from; n < to; n++) {
                        parameter = bind(insert, parameter, raw.get(n), priced.get(n), ratedAt);
                        firstCopy.putIfAbsent(key(raw.get(n).instanceId(), raw.get(n).cdrUuid()), n);
                    }
                    try (ResultSet rows = insert.executeQuery()) {
                        while (rows.next()) {
                            written[firstCopy.get(key(rows.getObject(1, UUID.class), rows.getString(2)))] = true;
                        }
                    }
                }
            }
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + raw.size() + " CDRs: " + e.getMessage(), e);
        }
    }

    private static String insertOf(int rows) {
        return "INSERT INTO rated_cdr (" + COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(rows, ROW))
                + " ON CONFLICT (instance_id, cdr_uuid) DO NOTHING RETURNING instance_id, cdr_uuid";
    }

    private static String key(UUID instanceId, String cdrUuid) {
        return instanceId + "/" + cdrUuid;
    }

    /** Binds one row after parameter {@code i}; returns the last parameter bound. */
    private static int bind(PreparedStatement insert, int i, RawCdr cdr, PricedCall priced, Instant ratedAt)
            throws SQLException {
        Rating rating = priced.rating();
        insert.setObject(++i, cdr.instanceId());
        insert.setString(++i, cdr.cdrUuid());
        insert.setString(++i, cdr.tenantId());
        insert.setString(++i, cdr.source() == null ? null : cdr.source().name());
        insert.setString(++i, cdr.leg() == null ? null : cdr.leg().name());
        insert.setString(++i, cdr.direction().name());
        insert.setString(++i, cdr.callerIdName());
        insert.setString(++i, cdr.callerIdNumber());
        insert.setString(++i, cdr.destinationNumber());
        insert.setString(++i, cdr.domain());
        insert.setString(++i, cdr.extension());
        setInstant(insert, ++i, cdr.startTime());
        setInstant(insert, ++i, cdr.answerTime());
        setInstant(insert, ++i, cdr.endTime());
        insert.setLong(++i, cdr.duration());
        insert.setLong(++i, cdr.billsec());
        insert.setLong(++i, rating.billedSeconds());
        insert.setString(++i, cdr.hangupCause());
        if (cdr.hangupCauseQ850() == null) {
            insert.setNull(++i, Types.INTEGER);
        } else {
            insert.setInt(++i, cdr.hangupCauseQ850());
        }
        insert.setBigDecimal(++i, rating.charge());
        insert.setString(++i, rating.currency());
        insert.setString(++i, rating.matchedBy().name());
        insert.setString(++i, rating.matchedPrefix());
        setInstant(insert, ++i, ratedAt);
        setLong(insert, ++i, priced.accountId());
        insert.setString(++i, priced.calltype());
        setLong(insert, ++i, priced.specialRuleId());
        insert.setString(++i, priced.specialPattern());
        insert.setString(++i, priced.billingMode());
        insert.setString(++i, priced.traceText());
        return i;
    }

    public Optional<RatedCdrEntity> findByNaturalKey(UUID instanceId, String cdrUuid) {
        return find("instanceId = ?1 and cdrUuid = ?2", instanceId, cdrUuid).firstResultOptional();
    }

    public CdrPage search(CdrQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (query.from() != null) {
            where.add("startTime >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.add("startTime < :to");
            params.put("to", query.to());
        }
        if (query.instanceId() != null) {
            where.add("instanceId = :instanceId");
            params.put("instanceId", query.instanceId());
        }
        if (query.tenantId() != null) {
            where.add("tenantId = :tenantId");
            params.put("tenantId", query.tenantId());
        }
        PanacheQuery<RatedCdrEntity> found = where.isEmpty()
                ? findAll(NEWEST_FIRST)
                : find(String.join(" and ", where), NEWEST_FIRST, params);
        List<CdrView> items = found.page(query.page(), query.size()).list().stream().map(CdrView::of).toList();
        return new CdrPage(items, query.page(), query.size(), found.count());
    }

    /**
     * The client view of an account's CDRs (spec 001 "Client Area CDR View"): a special-rate product shows only the
     * calls that matched one of its patterns; a standard product shows all but those on the global exclude list.
     */
    public CdrPage forAccount(long accountId, boolean specialRateProduct, CdrQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        where.add("accountId = :accountId");
        params.put("accountId", accountId);
        where.add(specialRateProduct ? "matchedBy = 'SPECIAL_RATE'" : "matchedBy <> 'EXCLUDED'");
        if (query.from() != null) {
            where.add("startTime >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.add("startTime < :to");
            params.put("to", query.to());
        }
        PanacheQuery<RatedCdrEntity> found = find(String.join(" and ", where), NEWEST_FIRST, params);
        List<CdrView> items = found.page(query.page(), query.size()).list().stream().map(CdrView::of).toList();
        return new CdrPage(items, query.page(), query.size(), found.count());
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
    }
}
