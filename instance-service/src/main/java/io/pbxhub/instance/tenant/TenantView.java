package io.pbxhub.instance.tenant;

import java.time.Instant;
import java.util.UUID;

public record TenantView(String id, String name, String domainName, UUID instanceId, Instant createdAt,
        Instant updatedAt) {

    static TenantView of(Tenant t) {
        return new TenantView(t.id, t.name, t.domainName, t.instanceId, t.createdAt, t.updatedAt);
    }
}
