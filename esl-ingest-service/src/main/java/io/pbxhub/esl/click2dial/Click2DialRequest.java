package io.pbxhub.esl.click2dial;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A click-to-dial order. Every field ends up inside an ESL {@code originate} command line, so each is held to a
 * character set that cannot break out of it: no spaces, line breaks, quotes, braces, commas or ESL separators.
 */
public record Click2DialRequest(
        @NotNull @Pattern(regexp = "[0-9]{1,20}", message = "must be 1 to 20 digits") String fromExtension,
        @NotNull @Pattern(regexp = "\\+?[0-9*#]{1,32}", message = "must be 1 to 32 digits, * or #, optionally after +") String toNumber,
        @Pattern(regexp = "[\\p{L}\\p{N}._-]{1,50}", message = "must be 1 to 50 letters, digits, '.', '_' or '-'") String callerIdName,
        @Pattern(regexp = "\\+?[0-9]{1,20}", message = "must be 1 to 20 digits, optionally after +") String callerIdNumber,
        @Pattern(regexp = "[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?", message = "must be a domain name") String domain) {
}
