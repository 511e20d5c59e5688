package io.pbxhub.billing.account;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;

/**
 * Moves prepaid balances and keeps their ledger ({@code balance_movement}). Every change runs in the caller's
 * transaction (or its own) and holds the account row lock until the commit, so concurrent changes of one account
 * serialize and none is lost; each writes one ledger row whose unique keys make it idempotent (a CDR is deducted once,
 * a top-up reference is credited once) and which carries the balance right after it. Deductions come in batches (all
 * real-time CDRs of an intake poll): the accounts are locked once, the running balances and usage are computed here,
 * and the ledger rows, balances and usage are written with one statement or JDBC batch each. The CDR intake also only
 * deducts when its insert of the CDR wrote a row, so a redelivered CDR is stopped twice.
 */
@ApplicationScoped
public class Balances {

    public static final String TOP_UP = "TOP_UP";
    public static final String DEDUCTION = "DEDUCTION";
    public static final String ADJUSTMENT = "ADJUSTMENT";

    /** A top-up or adjustment, for an existing account only; its currency is the product's. Nothing on a duplicate. */
    private static final String INSERT_MOVEMENT = "INSERT INTO balance_movement (account_id, kind, amount,"
            + " balance_after, currency, reference)"
            + " SELECT a.id, ?, ?, 0, p.currency, ? FROM account a JOIN product p ON p.id = a.product_id"
            + " WHERE a.id = ? ON CONFLICT DO NOTHING RETURNING id";
    private static final String MOVE = "UPDATE account SET balance = balance + ? WHERE id = ? RETURNING balance";
    /**
     * Locks the accounts of a batch of deductions in id order (so two batches never wait for each other in a circle)
     * with the same lock strength as {@link #MOVE}; the balance read is the latest committed one.
     */
    private static final String LOCK = "SELECT a.id, a.balance, a.low_balance_threshold, a.usage_alert_threshold,"
            + " p.currency, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')"
            + " FROM account a JOIN product p ON p.id = a.product_id WHERE a.id = ANY (?) ORDER BY a.id"
            + " FOR NO KEY UPDATE OF a";
    /** This month's usage (UTC calendar month of the transaction); read after {@link #LOCK}, so it is exact. */
    private static final String USAGE = "SELECT account_id, usage FROM account_usage WHERE account_id = ANY (?)"
            + " AND period = date_trunc('month', now() AT TIME ZONE 'UTC')::date";
    private static final String INSERT_DEDUCTION = "INSERT INTO balance_movement (account_id, kind, amount,"
            + " balance_after, currency, instance_id, cdr_uuid) VALUES (?, 'DEDUCTION', ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    /** Only when a CDR of the batch had been deducted before: the running balances of the rows after it change. */
    private static final String RESETTLE = "UPDATE balance_movement SET balance_after = ?"
            + " WHERE kind = 'DEDUCTION' AND instance_id = ? AND cdr_uuid = ?";
    private static final String DEBIT = "UPDATE account SET balance = balance - ? WHERE id = ?";
    private static final String USE = "INSERT INTO account_usage (account_id, period, usage)"
            + " VALUES (?, date_trunc('month', now() AT TIME ZONE 'UTC')::date, ?)"
            + " ON CONFLICT (account_id, period) DO UPDATE SET usage = account_usage.usage + excluded.usage";
    private static final String SETTLE = "UPDATE balance_movement SET balance_after = ? WHERE id = ?";
    private static final String COLUMNS = "id, account_id, kind, amount, balance_after, currency, reference,"
            + " instance_id, cdr_uuid, created_at";

    private final DataSource dataSource;
    private final Event<UsageAlert> usageAlerts;

    public Balances(DataSource dataSource, Event<UsageAlert> usageAlerts) {
        this.dataSource = dataSource;
        this.usageAlerts = usageAlerts;
    }

    /**
     * Deducts a positive charge that no CDR identifies; empty when nothing was deducted (no such account, or a zero
     * charge). Prefer {@link #deduct(long, BigDecimal, UUID, String)}, which is idempotent per CDR.
     */
    @Transactional
    public Optional<Deduction> deduct(long accountId, BigDecimal charge) {
        return deduct(accountId, charge, null, null);
    }

    /**
     * Deducts a positive charge for one CDR, at most once per CDR ({@code instanceId} + {@code cdrUuid}); empty when
     * nothing was deducted (no such account, a zero charge, or this CDR was deducted before).
     */
    @Transactional
    public Optional<Deduction> deduct(long accountId, BigDecimal charge, UUID instanceId, String cdrUuid) {
        return deductAll(List.of(new Charge(accountId, charge, instanceId, cdrUuid))).get(0);
    }

    /**
     * Deducts the charges in order, each at most once per CDR, as {@link #deduct(long, BigDecimal, UUID, String)}
     * would one after the other, but with one lock of each account and a handful of statements for the whole list.
     *
     * @return per charge, in order: the deduction, or empty when nothing was deducted
     */
    @Transactional
    public List<Optional<Deduction>> deductAll(List<Charge> charges) {
        List<Optional<Deduction>> deductions = new ArrayList<>(Collections.nCopies(charges.size(), Optional.empty()));
        Set<Long> accountIds = new TreeSet<>();
        for (Charge charge : charges) {
            if (charge.isPositive()) {
                accountIds.add(charge.accountId());
            }
        }
        if (accountIds.isEmpty()) {
            return deductions;
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<Long, Locked> accounts = lock(connection, accountIds);
            List<Integer> candidates = new ArrayList<>();
            for (int n = 0; n < charges.size(); n++) {
                if (charges.get(n).isPositive() && accounts.containsKey(charges.get(n).accountId())) {
                    candidates.add(n);
                }
            }
            boolean[] written = insertDeductions(connection, charges, candidates, accounts);
            Map<Long, BigDecimal> balances = new HashMap<>();
            Map<Long, BigDecimal> usages = usage(connection, accounts.keySet());
            Map<Long, BigDecimal> totals = new TreeMap<>();
            List<Integer> resettle = new ArrayList<>();
            Set<Long> skipped = new HashSet<>();
            for (int k = 0; k < candidates.size(); k++) {
                Charge charge = charges.get(candidates.get(k));
                Locked account = accounts.get(charge.accountId());
                if (!written[k]) {
                    skipped.add(charge.accountId());
                    continue;
                }
                BigDecimal before = balances.getOrDefault(charge.accountId(), account.balance());
                BigDecimal after = before.subtract(charge.amount());
                balances.put(charge.accountId(), after);
                totals.merge(charge.accountId(), charge.amount(), BigDecimal::add);
                if (skipped.contains(charge.accountId())) {
                    resettle.add(k);
                }
                deductions.set(candidates.get(k), Optional.of(new Deduction(charge.accountId(), charge.amount(),
                        before, after, account.lowBalanceThreshold())));
                BigDecimal usedBefore = usages.getOrDefault(charge.accountId(), BigDecimal.ZERO);
                BigDecimal usedAfter = usedBefore.add(charge.amount());
                usages.put(charge.accountId(), usedAfter);
                BigDecimal threshold = account.usageThreshold();
                if (threshold != null && usedBefore.compareTo(threshold) <= 0 && usedAfter.compareTo(threshold) > 0) {
                    usageAlerts.fire(new UsageAlert(charge.accountId(), charge.amount(), after, usedAfter, threshold,
                            account.period(), account.currency(), charge.instanceId(), charge.cdrUuid()));
                }
            }
            resettle(connection, charges, candidates, resettle, deductions);
            debit(connection, totals);
            return deductions;
        } catch (SQLException e) {
            SQLException next = e.getNextException();
            throw new IllegalStateException("could not deduct " + charges.size() + " charges: " + e.getMessage()
                    + (next == null ? "" : " (" + next.getMessage() + ")"), next == null ? e : next);
        }
    }

    /**
     * Credits a top-up ({@code amount} &gt; 0) or books an adjustment (any non-zero amount), once per account and
     * reference. A reference seen before with the same kind, amount and currency returns that movement
     * ({@link Booked#created()} false); with anything else it is a 409.
     */
    @Transactional
    public Booked book(long accountId, String kind, BigDecimal amount, String currency, String reference) {
        String accountCurrency = currency(accountId);
        if (!accountCurrency.equals(currency)) {
            throw ApiException.badRequest("currency: account " + accountId + " is kept in " + accountCurrency
                    + ", got " + currency);
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<Long> movement = insert(connection, accountId, kind, amount, reference);
            if (movement.isEmpty()) {
                Movement earlier = byReference(connection, accountId, reference);
                if (!earlier.kind().equals(kind) || earlier.amount().compareTo(amount) != 0
                        || !earlier.currency().equals(currency)) {
                    throw ApiException.conflict("reference " + reference + " was already used for a " + earlier.kind()
                            + " of " + earlier.amount().toPlainString() + " " + earlier.currency());
                }
                return new Booked(earlier, false);
            }
            move(connection, accountId, amount, movement.get());
            return new Booked(byId(connection, movement.get()), true);
        } catch (SQLException e) {
            throw new IllegalStateException("could not book on account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /** The balance as stored now. 404 if there is no such account. */
    @Transactional
    public BalanceView view(long accountId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT a.balance, p.currency,"
                        + " a.low_balance_threshold, a.usage_alert_threshold,"
                        + " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM'), coalesce(u.usage, 0)"
                        + " FROM account a JOIN product p ON p.id = a.product_id LEFT JOIN account_usage u"
                        + " ON u.account_id = a.id AND u.period = date_trunc('month', now() AT TIME ZONE 'UTC')::date"
                        + " WHERE a.id = ?")) {
            select.setLong(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.notFound("account", String.valueOf(accountId));
                }
                return new BalanceView(accountId, row.getBigDecimal(1).toPlainString(), row.getString(2).strip(),
                        plain(row.getBigDecimal(3)), plain(row.getBigDecimal(4)), row.getString(5),
                        row.getBigDecimal(6).toPlainString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read account " + accountId, e);
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    /** The account's movements, newest first. */
    @Transactional
    public List<Movement> movements(long accountId, int page, int size) {
        currency(accountId);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM balance_movement"
                        + " WHERE account_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")) {
            select.setLong(1, accountId);
            select.setInt(2, size);
            select.setLong(3, (long) page * size);
            List<Movement> movements = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    movements.add(movement(rows));
                }
            }
            return movements;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read movements of account " + accountId, e);
        }
    }

    /** The currency of the account's product: the currency of its balance. 404 if there is no such account. */
    @Transactional
    public String currency(long accountId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT p.currency FROM account a JOIN product p ON p.id = a.product_id WHERE a.id = ?")) {
            select.setLong(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw ApiException.notFound("account", String.valueOf(accountId));
                }
                return row.getString(1).strip();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read account " + accountId, e);
        }
    }

    private static Optional<Long> insert(Connection connection, long accountId, String kind, BigDecimal amount,
            String reference) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MOVEMENT)) {
            insert.setString(1, kind);
            insert.setBigDecimal(2, amount);
            insert.setString(3, reference);
            insert.setLong(4, accountId);
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Map<Long, Locked> lock(Connection connection, Set<Long> accountIds) throws SQLException {
        Map<Long, Locked> accounts = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setArray(1, connection.createArrayOf("bigint", accountIds.toArray()));
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    accounts.put(row.getLong(1), new Locked(row.getBigDecimal(2), row.getBigDecimal(3),
                            row.getBigDecimal(4), row.getString(5).strip(), YearMonth.parse(row.getString(6))));
                }
            }
        }
        return accounts;
    }

    private static Map<Long, BigDecimal> usage(Connection connection, Set<Long> accountIds) throws SQLException {
        Map<Long, BigDecimal> usages = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(USAGE)) {
            select.setArray(1, connection.createArrayOf("bigint", accountIds.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    usages.put(row.getLong(1), row.getBigDecimal(2));
                }
            }
        }
        return usages;
    }

    /**
     * One JDBC batch of ledger rows, with the running balances as if every one is written; per candidate, whether it
     * was (not when its CDR was deducted before).
     */
    private static boolean[] insertDeductions(Connection connection, List<Charge> charges, List<Integer> candidates,
            Map<Long, Locked> accounts) throws SQLException {
        Map<Long, BigDecimal> balances = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DEDUCTION)) {
            for (int n : candidates) {
                Charge charge = charges.get(n);
                Locked account = accounts.get(charge.accountId());
                BigDecimal after = balances.getOrDefault(charge.accountId(), account.balance())
                        .subtract(charge.amount());
                balances.put(charge.accountId(), after);
                insert.setLong(1, charge.accountId());
                insert.setBigDecimal(2, charge.amount().negate());
                insert.setBigDecimal(3, after);
                insert.setString(4, account.currency());
                insert.setObject(5, charge.instanceId());
                insert.setString(6, charge.cdrUuid());
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            boolean[] written = new boolean[counts.length];
            for (int k = 0; k < counts.length; k++) {
                written[k] = counts[k] == 1;
            }
            return written;
        }
    }

    /** Corrects the balance after of the rows written after a skipped one, which assumed the skipped one counted. */
    private static void resettle(Connection connection, List<Charge> charges, List<Integer> candidates,
            List<Integer> resettle, List<Optional<Deduction>> deductions) throws SQLException {
        if (resettle.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(RESETTLE)) {
            for (int k : resettle) {
                int n = candidates.get(k);
                update.setBigDecimal(1, deductions.get(n).orElseThrow().after());
                update.setObject(2, charges.get(n).instanceId());
                update.setString(3, charges.get(n).cdrUuid());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** One balance update and one usage update per account, in account id order. */
    private static void debit(Connection connection, Map<Long, BigDecimal> totals) throws SQLException {
        if (totals.isEmpty()) {
            return;
        }
        try (PreparedStatement debit = connection.prepareStatement(DEBIT);
                PreparedStatement use = connection.prepareStatement(USE)) {
            for (Map.Entry<Long, BigDecimal> total : totals.entrySet()) {
                debit.setBigDecimal(1, total.getValue());
                debit.setLong(2, total.getKey());
                debit.addBatch();
                use.setLong(1, total.getKey());
                use.setBigDecimal(2, total.getValue());
                use.addBatch();
            }
            debit.executeBatch();
            use.executeBatch();
        }
    }

    /** Moves the balance by a top-up or adjustment and settles its ledger row with the balance it left. */
    private static void move(Connection connection, long accountId, BigDecimal amount, long movementId)
            throws SQLException {
        BigDecimal after;
        try (PreparedStatement update = connection.prepareStatement(MOVE)) {
            update.setBigDecimal(1, amount);
            update.setLong(2, accountId);
            try (ResultSet row = update.executeQuery()) {
                row.next();
                after = row.getBigDecimal(1);
            }
        }
        try (PreparedStatement settle = connection.prepareStatement(SETTLE)) {
            settle.setBigDecimal(1, after);
            settle.setLong(2, movementId);
            settle.executeUpdate();
        }
    }

    private static Movement byReference(Connection connection, long accountId, String reference)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM balance_movement WHERE account_id = ? AND reference = ?")) {
            select.setLong(1, accountId);
            select.setString(2, reference);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return movement(row);
            }
        }
    }

    private static Movement byId(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection
                .prepareStatement("SELECT " + COLUMNS + " FROM balance_movement WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return movement(row);
            }
        }
    }

    private static Movement movement(ResultSet row) throws SQLException {
        Timestamp created = row.getTimestamp(10);
        return new Movement(row.getLong(1), row.getLong(2), row.getString(3), row.getBigDecimal(4),
                row.getBigDecimal(5), row.getString(6).strip(), row.getString(7), row.getObject(8, UUID.class),
                row.getString(9), created == null ? null : created.toInstant());
    }

    /** A locked account as a batch of deductions starts from. */
    private record Locked(BigDecimal balance, BigDecimal lowBalanceThreshold, BigDecimal usageThreshold,
            String currency, YearMonth period) {
    }

    /** A charge to deduct for one CDR ({@code instanceId} and {@code cdrUuid} null when no CDR is named). */
    public record Charge(long accountId, BigDecimal amount, UUID instanceId, String cdrUuid) {

        boolean isPositive() {
            return amount != null && amount.signum() > 0;
        }
    }

    /** A deduction; {@code crossedThreshold} when this one took the balance below the account's threshold. */
    public record Deduction(long accountId, BigDecimal charge, BigDecimal before, BigDecimal after,
            BigDecimal threshold) {

        public boolean crossedThreshold() {
            return threshold != null && before.compareTo(threshold) >= 0 && after.compareTo(threshold) < 0;
        }
    }

    /** One ledger row: signed amount (+ credit, - debit) and the balance right after it. */
    public record Movement(long id, long accountId, String kind, BigDecimal amount, BigDecimal balanceAfter,
            String currency, String reference, UUID instanceId, String cdrUuid, Instant createdAt) {
    }

    /** A booked top-up or adjustment; {@code created} false when the reference had been booked before. */
    public record Booked(Movement movement, boolean created) {
    }
}
