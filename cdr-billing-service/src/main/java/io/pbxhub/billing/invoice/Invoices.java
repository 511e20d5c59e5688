package io.pbxhub.billing.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.pbxhub.billing.account.AccountEntity;
import io.pbxhub.billing.account.Accounts;
import io.pbxhub.billing.product.ProductEntity;
import io.pbxhub.billing.special.SpecialRuleSet;
import io.pbxhub.common.error.ApiException;

/**
 * Issues and reads invoices. The period is whole UTC days, both ends inclusive. Special-rate calls are grouped by
 * pattern, direction and billing mode, standard calls by deck prefix and direction; each line's amount is the sum of
 * its CDR charges rounded HALF_UP to 2 places, and totals are sums of line amounts, so the invoice adds up. Lines are
 * ordered special first, then by amount, then by minutes, both descending (the order of the spec example). Minutes
 * are billsec/60 to one decimal. An issued invoice never changes (a database trigger refuses it); rerating an issued
 * period means issuing a new invoice.
 */
@ApplicationScoped
public class Invoices {

    private static final DateTimeFormatter SPEC_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String GROUPS = """
            SELECT CASE WHEN matched_by = 'SPECIAL_RATE' THEN 'SPECIAL_RATE' ELSE 'STANDARD' END AS kind, direction,
                   COALESCE(special_pattern, matched_prefix) AS pattern, COALESCE(billing_mode, 'standard') AS mode,
                   count(*), COALESCE(sum(billsec), 0), COALESCE(sum(charge), 0)
            FROM rated_cdr
            WHERE account_id = ?1 AND start_time >= ?2 AND start_time < ?3
              AND matched_by IN ('SPECIAL_RATE', 'RATE_DECK')
            GROUP BY 1, 2, 3, 4
            ORDER BY 1, 7 DESC, 6 DESC, 3, 2""";

    private final EntityManager em;
    private final Accounts accounts;

    public Invoices(EntityManager em, Accounts accounts) {
        this.em = em;
        this.accounts = accounts;
    }

    @Transactional
    public InvoiceView issue(InvoiceRequest request) {
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw ApiException.badRequest("period_end: must not be before period_start");
        }
        AccountEntity account = accounts.require(request.accountId());
        ProductEntity product = ProductEntity.findById(account.productId);
        String currency = product.currency.strip();
        List<?> rows = em.createNativeQuery(GROUPS).setParameter(1, account.id)
                .setParameter(2, Timestamp.from(startOf(request.periodStart())))
                .setParameter(3, Timestamp.from(startOf(request.periodEnd().plusDays(1)))).getResultList();
        List<InvoiceLine> lines = new ArrayList<>();
        BigDecimal special = BigDecimal.ZERO.setScale(2);
        BigDecimal standard = BigDecimal.ZERO.setScale(2);
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            String kind = (String) row[0];
            String direction = (String) row[1];
            String pattern = (String) row[2];
            String mode = (String) row[3];
            long calls = ((Number) row[4]).longValue();
            long seconds = ((Number) row[5]).longValue();
            BigDecimal amount = new BigDecimal(row[6].toString()).setScale(2, RoundingMode.HALF_UP);
            String minutes = minutes(seconds);
            String shown = "SPECIAL_RATE".equals(kind) ? displayPattern(pattern) : pattern;
            String description = "[" + direction + "] " + shown + " (" + mode + "): " + calls + " calls, " + minutes
                    + " min, " + SpecialRuleSet.money(amount, currency);
            lines.add(new InvoiceLine(lines.size() + 1, kind, direction, shown, mode, calls, seconds, minutes,
                    amount.toPlainString(), description));
            if ("SPECIAL_RATE".equals(kind)) {
                special = special.add(amount);
            } else {
                standard = standard.add(amount);
            }
        }
        BigDecimal total = special.add(standard);
        Object id = em.createNativeQuery("INSERT INTO invoice (account_id, period_start, period_end, currency, "
                + "special_total, standard_total, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id")
                .setParameter(1, account.id).setParameter(2, request.periodStart()).setParameter(3, request.periodEnd())
                .setParameter(4, currency).setParameter(5, special).setParameter(6, standard).setParameter(7, total)
                .getSingleResult();
        long invoiceId = ((Number) id).longValue();
        for (InvoiceLine line : lines) {
            em.createNativeQuery("INSERT INTO invoice_line (invoice_id, line_no, kind, direction, pattern, "
                    + "billing_mode, calls, seconds, amount, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                    + "?10)").setParameter(1, invoiceId).setParameter(2, line.lineNo()).setParameter(3, line.kind())
                    .setParameter(4, line.direction()).setParameter(5, line.pattern())
                    .setParameter(6, line.billingMode()).setParameter(7, line.calls()).setParameter(8, line.seconds())
                    .setParameter(9, new BigDecimal(line.amount())).setParameter(10, line.description())
                    .executeUpdate();
        }
        return get(invoiceId);
    }

    @Transactional
    public InvoiceView get(long id) {
        List<?> found = em.createNativeQuery("SELECT account_id, period_start, period_end, currency, special_total, "
                + "standard_total, total, status, issued_at FROM invoice WHERE id = ?1").setParameter(1, id)
                .getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("invoice", String.valueOf(id));
        }
        Object[] row = (Object[]) found.get(0);
        List<?> lineRows = em.createNativeQuery("SELECT line_no, kind, direction, pattern, billing_mode, calls, "
                + "seconds, amount, description FROM invoice_line WHERE invoice_id = ?1 ORDER BY line_no")
                .setParameter(1, id).getResultList();
        List<InvoiceLine> lines = new ArrayList<>();
        for (Object r : lineRows) {
            Object[] l = (Object[]) r;
            long seconds = ((Number) l[6]).longValue();
            lines.add(new InvoiceLine(((Number) l[0]).intValue(), (String) l[1], (String) l[2], (String) l[3],
                    (String) l[4], ((Number) l[5]).longValue(), seconds, minutes(seconds),
                    new BigDecimal(l[7].toString()).toPlainString(), (String) l[8]));
        }
        LocalDate start = toDate(row[1]);
        LocalDate end = toDate(row[2]);
        String heading = "Special Rate Calls (" + SPEC_DATE.format(start) + " to " + SPEC_DATE.format(end) + ")";
        return new InvoiceView(id, ((Number) row[0]).longValue(), start, end, row[3].toString().strip(),
                (String) row[7], heading, lines, row[4].toString(), row[5].toString(), row[6].toString(),
                toInstant(row[8]));
    }

    /** {@code 1300} becomes {@code 1300*} as the spec prints prefix rules; regex patterns are shown as they are. */
    static String displayPattern(String pattern) {
        return pattern != null && pattern.chars().allMatch(Character::isDigit) ? pattern + "*" : pattern;
    }

    static String minutes(long seconds) {
        BigDecimal minutes = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return minutes.scale() < 0 ? minutes.setScale(0).toPlainString() : minutes.toPlainString();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
