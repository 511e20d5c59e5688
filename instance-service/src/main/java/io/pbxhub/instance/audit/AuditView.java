package io.pbxhub.instance.audit;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** An audit record as the API shows it; the values are JSON, not JSON in a string. */
public record AuditView(long id, String auditableType, String auditableId, String event, String actor,
        JsonNode oldValues, JsonNode newValues, String comment, Instant createdAt) {
}
