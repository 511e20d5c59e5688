package io.pbxhub.billing.invoice;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;

/** An invoice to issue: the account and the period, both dates inclusive, days in UTC. */
public record InvoiceRequest(@NotNull Long accountId, @NotNull LocalDate periodStart, @NotNull LocalDate periodEnd) {
}
