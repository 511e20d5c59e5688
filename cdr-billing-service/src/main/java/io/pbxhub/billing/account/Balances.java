package io.pbxhub.billing.account;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Moves prepaid balances. Every change is one SQL update ({@code balance = balance - ?}), so concurrent CDRs of one
 * account serialize on the row lock and none is lost; the caller runs it in the same transaction as the insert of the
 * CDR and only when that insert wrote a row, so a redelivered CDR is never deducted twice.
 */
@ApplicationScoped
public class Balances {

    private static final String DEDUCT = "UPDATE account SET balance = balance - ? WHERE id = ? AND ? > 0 "
            + "RETURNING balance + ?, balance, low_balance_threshold";

    private final DataSource dataSource;

    public Balances(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Deducts a positive charge; empty when nothing was deducted (no such account, or a zero charge). */
    public Optional<Deduction> deduct(long accountId, BigDecimal charge) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(DEDUCT)) {
            update.setBigDecimal(1, charge);
            update.setLong(2, accountId);
            update.setBigDecimal(3, charge);
            update.setBigDecimal(4, charge);
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Deduction(accountId, charge, row.getBigDecimal(1), row.getBigDecimal(2),
                        row.getBigDecimal(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not deduct from account " + accountId + ": " + e.getMessage(), e);
        }
    }

    /** A deduction; {@code crossedThreshold} when this one took the balance below the account's threshold. */
    public record Deduction(long accountId, BigDecimal charge, BigDecimal before, BigDecimal after,
            BigDecimal threshold) {

        public boolean crossedThreshold() {
            return threshold != null && before.compareTo(threshold) >= 0 && after.compareTo(threshold) < 0;
        }
    }
}
