package io.pbxhub.billing.rerate;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;

/** Rerate an account's CDRs that started in the period (whole UTC days, both inclusive). */
public record RerateRequest(@NotNull Long accountId, @NotNull LocalDate periodStart, @NotNull LocalDate periodEnd) {
}
