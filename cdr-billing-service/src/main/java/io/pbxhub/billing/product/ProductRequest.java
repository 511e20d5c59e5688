package io.pbxhub.billing.product;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A product as a client creates or replaces it. Omitted options: deck {@code default}, HALF_UP to 6 places, EXACT
 * proration, both toggles off.
 */
public record ProductRequest(
        @NotBlank String name,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}", message = "must be a rate deck id") String deckId,
        @Pattern(regexp = "HALF_UP|HALF_EVEN|UP|DOWN|CEILING|FLOOR", message = "must be one of HALF_UP, HALF_EVEN, UP, DOWN, CEILING, FLOOR") String roundingMode,
        @Min(0) @Max(6) Integer chargeScale,
        @Pattern(regexp = "EXACT|CEIL", message = "must be EXACT or CEIL") String minuteProration,
        Boolean specialNumberBilling,
        Boolean realTime) {
}
