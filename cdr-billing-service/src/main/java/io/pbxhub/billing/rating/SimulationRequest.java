package io.pbxhub.billing.rating;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.pbxhub.contracts.Direction;

/** A call to price without storing anything: number dialled, direction, talk time in seconds, product. */
public record SimulationRequest(@NotBlank @Size(max = 64) String number, @NotNull Direction direction,
        @NotNull @Min(0) @Max(864000) Long duration, @NotNull Long productId) {
}
