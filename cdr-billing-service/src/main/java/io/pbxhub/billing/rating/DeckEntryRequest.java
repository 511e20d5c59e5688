package io.pbxhub.billing.rating;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A new rate deck entry as a client sends it. Money is read as an exact decimal (a JSON string such as
 * {@code "0.0125"} or a JSON number, never through a float) with at most 6 decimal places, as stored. Omitted
 * optional fields take the column defaults: no connect fee, 60/60 increments, no minimum.
 */
public record DeckEntryRequest(
        @NotNull @Pattern(regexp = "[0-9]{1,20}", message = "must be 1 to 20 digits") String prefix,
        @NotNull @DecimalMin("0") @Digits(integer = 6, fraction = 6) BigDecimal ratePerMinute,
        @DecimalMin("0") @Digits(integer = 6, fraction = 6) BigDecimal connectFee,
        @Min(1) @Max(3600) Integer firstIncrement,
        @Min(1) @Max(3600) Integer nextIncrement,
        @Min(0) @Max(86400) Integer minDuration) {

    static final int DEFAULT_INCREMENT = 60;
}
