package io.pbxhub.billing.cdr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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
     * Where intake's rows go first: a temporary table of this session (created on first use, emptied at every commit)
     * with the columns of {@code rated_cdr} in the same types, so binary {@code COPY} can fill it.
     */
    private static final String STAGING = "rated_cdr_staging";
    private static final String CREATE_STAGING = "CREATE TEMP TABLE IF NOT EXISTS " + STAGING + """
             (
                instance_id uuid, cdr_uuid text, tenant_id text, source text, leg text, direction text,
                caller_id_name text, caller_id_number text, destination_number text, domain text, extension text,
                start_time timestamptz, answer_time timestamptz, end_time timestamptz, duration bigint, billsec bigint,
                billed_seconds bigint, hangup_cause text, hangup_cause_q850 int, charge numeric(14, 6),
                currency char(3), matched_by text, matched_prefix varchar(20), rated_at timestamptz, account_id bigint,
                calltype text, special_rule_id bigint, special_pattern text, billing_mode text, rating_trace text
            ) ON COMMIT DELETE ROWS""";
    private static final String COPY_STAGING = "COPY " + STAGING + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    /** Every staged row has its own natural key: later copies of a CDR in the batch are never staged. */
    private static final String INSERT_STAGED = "INSERT INTO rated_cdr (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM " + STAGING + " ON CONFLICT (instance_id, cdr_uuid) DO NOTHING"
            + " RETURNING instance_id, cdr_uuid";
    /** Rows staged by an earlier call in the same transaction would otherwise be inserted again. */
    private static final String EMPTY_STAGING = "TRUNCATE " + STAGING;
    private static final String STAGED_IN_TRANSACTION = RatedCdrRepository.class.getName() + ".staged";
    private static final int COPY_CHUNK = 64 * 1024;

    private static final Sort NEWEST_FIRST = Sort.descending("startTime", "id");

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transaction;

    public RatedCdrRepository(DataSource dataSource, TransactionSynchronizationRegistry transaction) {
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    /**
     * Stores rated CDRs, skipping any whose instance and CDR UUID is already stored (also earlier in the same list);
     * must run in the caller's transaction (the connection is enlisted in it). The rows are copied (binary
     * {@code COPY}) into a session's staging table and moved by one {@code INSERT ... SELECT ... ON CONFLICT DO
     * NOTHING} that returns the keys it wrote: COPY spares the client the text form of every parameter and the server
     * its parsing, and the plain insert must not fail on a duplicate.
     *
     * @return per CDR, whether a row was written, i.e. this is the first delivery of the CDR
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean[] insertAllIfAbsent(List<RawCdr> raw, List<PricedCall> priced, Instant ratedAt) {
        boolean[] written = new boolean[raw.size()];
        if (raw.isEmpty()) {
            return written;
        }
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_STAGING);
                if (transaction.getResource(STAGED_IN_TRANSACTION) != null) {
                    statement.execute(EMPTY_STAGING);
                }
            }
            transaction.putResource(STAGED_IN_TRANSACTION, Boolean.TRUE);
            // a CDR twice in the list: the first copy is the one written, the later ones are duplicates of it
            Map<Key, Integer> firstCopy = new HashMap<>(raw.size() * 2);
            for (int n = 0; n < raw.size(); n++) {
                firstCopy.putIfAbsent(new Key(raw.get(n).instanceId(), raw.get(n).cdrUuid()), n);
            }
            copy(connection.unwrap(PGConnection.class), raw, priced, ratedAt, firstCopy);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_STAGED);
                    ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    written[firstCopy.get(new Key(rows.getObject(1, UUID.class), rows.getString(2)))] = true;
                }
            }
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + raw.size() + " CDRs: " + e.getMessage(), e);
        }
    }

    private record Key(UUID instanceId, String cdrUuid) {
    }

    private static void copy(PGConnection connection, List<RawCdr> raw, List<PricedCall> priced, Instant ratedAt,
            Map<Key, Integer> firstCopy) throws SQLException {
        BinaryCopyRows rows = new BinaryCopyRows(raw.size() * 512);
        for (int n = 0; n < raw.size(); n++) {
            // no sort by position needed on the server: only first copies are staged
            if (firstCopy.size() == raw.size()
                    || firstCopy.get(new Key(raw.get(n).instanceId(), raw.get(n).cdrUuid())) == n) {
                row(rows, raw.get(n), priced.get(n), ratedAt);
            }
        }
        rows.end();
        CopyIn copy = connection.getCopyAPI().copyIn(COPY_STAGING);
        try {
            for (int from = 0; from < rows.size(); from += COPY_CHUNK) {
                copy.writeToCopy(rows.bytes(), from, Math.min(COPY_CHUNK, rows.size() - from));
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** One staging row: the columns in the order of {@link #COLUMNS}. */
    private static void row(BinaryCopyRows rows, RawCdr cdr, PricedCall priced, Instant ratedAt) {
        Rating rating = priced.rating();
        rows.row(PARAMETERS).uuid(cdr.instanceId()).text(cdr.cdrUuid()).text(cdr.tenantId()).text(cdr.source())
                .text(cdr.leg())
                .text(cdr.direction()).text(cdr.callerIdName()).text(cdr.callerIdNumber())
                .text(cdr.destinationNumber()).text(cdr.domain()).text(cdr.extension());
        rows.timestamptz(cdr.startTime()).timestamptz(cdr.answerTime()).timestamptz(cdr.endTime());
        rows.int8(cdr.duration()).int8(cdr.billsec()).int8(rating.billedSeconds());
        rows.text(cdr.hangupCause()).int4(cdr.hangupCauseQ850());
        rows.numeric(rating.charge()).text(rating.currency()).text(rating.matchedBy()).text(rating.matchedPrefix());
        rows.timestamptz(ratedAt).int8(priced.accountId()).text(priced.calltype()).int8(priced.specialRuleId())
                .text(priced.specialPattern()).text(priced.billingMode()).text(priced.traceText());
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
}
