package io.pbxhub.instance.tenant;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A tenant as an operator creates or edits it. The id is chosen once (a short slug) and never changes. */
public record TenantRequest(
        @Size(min = 2, max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._-]*", message = "lower-case letters, digits, '.', '_' or '-'") String id,
        @NotBlank @Size(max = 120) String name,
        @Size(max = 253) @Pattern(regexp = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*", message = "must be a domain name") String domainName,
        UUID instanceId) {
}
