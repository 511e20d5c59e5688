package io.pbxhub.billing.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An issued invoice: the spec 001 heading, its lines, and totals as decimal strings in the currency. */
public record InvoiceView(long id, long accountId, LocalDate periodStart, LocalDate periodEnd, String currency,
        String status, String specialHeading, List<InvoiceLine> lines, String specialTotal, String standardTotal,
        String total, Instant issuedAt) {
}
