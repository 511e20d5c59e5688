package io.pbxhub.instance.pbx3cx;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Which call session to log (host and 3CX call id), and whether it shows in the list (default true). */
public record Pbx3cxCallLogRequest(
        @NotNull @Positive Long pbx3cxHostId,
        @NotBlank @Size(max = 64) @Pattern(regexp = Pbx3cxCallRequest.ID, message = Pbx3cxCallRequest.ID_MESSAGE) String callId,
        Boolean visible) {
}
