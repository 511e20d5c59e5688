package io.pbxhub.billing.account;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An account as a client creates or replaces it: the tenant whose CDRs it owns, the product that prices them, and the
 * extensions and numbers that belong to it. {@code balance} is the opening prepaid credit and only read on create;
 * afterwards only rating, top-ups and adjustments move it (BalanceResource), each with a ledger row.
 */
public record AccountRequest(
        @NotBlank @Size(max = 200) String tenantId,
        @Size(max = 200) String customerId,
        @NotBlank @Size(max = 200) String name,
        @NotNull Long productId,
        List<@NotNull @Pattern(regexp = "\\+?[0-9A-Za-z*#_.-]{1,40}", message = "must be an extension or number") String> extensions,
        List<@NotNull @Pattern(regexp = "\\+?[0-9A-Za-z*#_.-]{1,40}", message = "must be an extension or number") String> numbers,
        @Digits(integer = 8, fraction = 6) BigDecimal balance,
        @Digits(integer = 8, fraction = 6) BigDecimal lowBalanceThreshold,
        @DecimalMin("0") @Digits(integer = 8, fraction = 6) BigDecimal usageAlertThreshold) {
}
