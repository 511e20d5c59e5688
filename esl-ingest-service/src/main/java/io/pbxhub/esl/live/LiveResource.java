package io.pbxhub.esl.live;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.pbxhub.common.error.ApiException;
import io.smallrye.mutiny.Multi;

/**
 * The live view of the instances this replica holds: active calls, BLF presence, and a Server-Sent Events stream of
 * their changes for one tenant.
 */
@Path("/api/v1")
public class LiveResource {

    static final int MAX_TENANT_ID = 100;

    private final ActiveCalls calls;
    private final PresenceTracker presence;
    private final LiveFeed feed;

    public LiveResource(ActiveCalls calls, PresenceTracker presence, LiveFeed feed) {
        this.calls = calls;
        this.presence = presence;
        this.feed = feed;
    }

    @GET
    @Path("/calls/active")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ActiveCall> activeCalls(@RestQuery("instance_id") String instanceId,
            @RestQuery("tenant_id") String tenantId) {
        return calls.list(instanceId(instanceId), tenantId(tenantId, false));
    }

    @GET
    @Path("/presence")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ExtensionPresence> presence(@RestQuery("instance_id") String instanceId,
            @RestQuery("tenant_id") String tenantId) {
        return presence.list(instanceId(instanceId), tenantId(tenantId, false)).stream().map(ExtensionPresence::of)
                .toList();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<LiveUpdate> stream(@RestQuery("tenant_id") String tenantId) {
        return feed.tenant(tenantId(tenantId, true));
    }

    static UUID instanceId(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value);
            // UUID.fromString accepts short forms like 1-1-1-1-1; only the canonical one names an instance.
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest("instance_id must be a UUID");
    }

    static String tenantId(String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw ApiException.badRequest("tenant_id is required");
            }
            return null;
        }
        if (value.isBlank() || value.length() > MAX_TENANT_ID || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("tenant_id must be 1-" + MAX_TENANT_ID + " printable characters");
        }
        return value;
    }
}
