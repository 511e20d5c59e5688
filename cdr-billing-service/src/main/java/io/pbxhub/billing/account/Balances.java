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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;

/**
 * Moves prepaid balances and keeps their ledger ({@code balance_movement}). Every change is, in the caller's
 * transaction (or its own): one ledger row inserted first, whose unique keys make the change idempotent (a CDR is
 * deducted once, a top-up reference is credited once), then one SQL update of the balance
 * ({@code balance = balance - ?}), which locks the account row so concurrent changes of one account serialize and
 * none is lost, then the ledger row gets the balance that update returned. The CDR intake also only deducts when its
 * insert of the CDR wrote a row, so a redelivered CDR is stopped twice.
 */
@ApplicationScoped
public class Balances {

    public static final String TOP_UP = "TOP_UP";
    public static final String DEDUCTION = "DEDUCTION";
    public static final String ADJUSTMENT = "ADJUSTMENT";

    /** The movement, for an existing account only; its currency is the product's. Nothing on a duplicate key. */
    private static final String INSERT_MOVEMENT = "INSERT INTO balance_movement (account_id, kind, amount,"
            + " balance_after, currency, reference, instance_id, cdr_uuid)"
            + " SELECT a.id, ?, ?, 0, p.currency, ?, ?, ? FROM account a JOIN product p ON p.id = a.product_id"
            + " WHERE a.id = ? ON CONFLICT DO NOTHING RETURNING id, created_at";
    private static final String MOVE = "UPDATE account SET balance = balance + ? WHERE id = ?"
            + " RETURNING balance - ?, balance, low_balance_threshold, usage_alert_threshold";
    /** This month's usage (UTC calendar month of the transaction), moved while the account row is locked. */
    private static final String USE = "INSERT INTO account_usage (account_id, period, usage)"
            + " VALUES (?, date_trunc('month', now() AT TIME ZONE 'UTC')::date, ?)"
            + " ON CONFLICT (account_id, period) DO UPDATE SET usage = account_usage.usage + excluded.usage"
            + " RETURNING usage, to_char(period, 'YYYY-MM')";
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
        if (charge == null || charge.signum() <= 0) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<Long> movement = insert(connection, accountId, DEDUCTION, charge.negate(), null, instanceId,
                    cdrUuid);
            if (movement.isEmpty()) {
                return Optional.empty();
            }
            Moved moved = move(connection, accountId, charge.negate(), movement.get());
            use(connection, accountId, charge, moved, instanceId, cdrUuid);
            return Optional.of(new Deduction(accountId, charge, moved.before, moved.after, moved.threshold));
        } catch (SQLException e) {
            throw new IllegalStateException("could not deduct from account " + accountId + ": " + e.getMessage(), e);
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
            Optional<Long> movement = insert(connection, accountId, kind, amount, reference, null, null);
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
            String reference, UUID instanceId, String cdrUuid) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MOVEMENT)) {
            insert.setString(1, kind);
            insert.setBigDecimal(2, amount);
            insert.setString(3, reference);
            insert.setObject(4, instanceId);
            insert.setString(5, cdrUuid);
            insert.setLong(6, accountId);
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Adds the charge to the month's usage; fires a {@link UsageAlert} if this charge took it above the threshold. */
    private void use(Connection connection, long accountId, BigDecimal charge, Moved moved, UUID instanceId,
            String cdrUuid) throws SQLException {
        try (PreparedStatement use = connection.prepareStatement(USE)) {
            use.setLong(1, accountId);
            use.setBigDecimal(2, charge);
            try (ResultSet row = use.executeQuery()) {
                row.next();
                BigDecimal after = row.getBigDecimal(1);
                BigDecimal before = after.subtract(charge);
                BigDecimal threshold = moved.usageThreshold;
                if (threshold != null && before.compareTo(threshold) <= 0 && after.compareTo(threshold) > 0) {
                    usageAlerts.fire(new UsageAlert(accountId, charge, moved.after, after, threshold,
                            YearMonth.parse(row.getString(2)), currency(accountId), instanceId, cdrUuid));
                }
            }
        }
    }

    private static Moved move(Connection connection, long accountId, BigDecimal amount, long movementId)
            throws SQLException {
        Moved moved;
        try (PreparedStatement update = connection.prepareStatement(MOVE)) {
            update.setBigDecimal(1, amount);
            update.setLong(2, accountId);
            update.setBigDecimal(3, amount);
            try (ResultSet row = update.executeQuery()) {
                row.next();
                moved = new Moved(row.getBigDecimal(1), row.getBigDecimal(2), row.getBigDecimal(3),
                        row.getBigDecimal(4));
            }
        }
        try (PreparedStatement settle = connection.prepareStatement(SETTLE)) {
            settle.setBigDecimal(1, moved.after);
            settle.setLong(2, movementId);
            settle.executeUpdate();
        }
        return moved;
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

    private record Moved(BigDecimal before, BigDecimal after, BigDecimal threshold, BigDecimal usageThreshold) {
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
