package io.pbxhub.instance.audit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An audit record as a client writes it. The actor and the time are never taken from the body: they are who sent the
 * request ({@link CurrentActor}) and when.
 */
public record AuditRequest(
        @NotBlank @Size(max = 120) @Pattern(regexp = "[A-Za-z0-9_.:\\\\-]+", message = "letters, digits, '_', '.', ':', '\\' or '-' only") String auditableType,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters") String auditableId,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9_.-]*", message = "lower-case letters, digits, '_', '.' or '-', starting with a letter (created, updated, deleted, ...)") String event,
        JsonNode oldValues,
        JsonNode newValues,
        @Size(max = 65535) String comment) {
}
