package io.pbxhub.billing.account;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A top-up (amount &gt; 0) or an adjustment (any non-zero amount, negative to debit) as a client sends it. The amount
 * is an exact decimal (a JSON string such as {@code "25.00"} or a number) with at most 6 places; the currency must be
 * the account's (its product's); the reference is the client's idempotency key: sending the same one again books
 * nothing more.
 */
public record BalanceChangeRequest(
        @NotNull @Digits(integer = 8, fraction = 6) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a 3-letter ISO 4217 code") String currency,
        @NotBlank @Size(max = 200) String reference) {
}
