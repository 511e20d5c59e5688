package io.pbxhub.sync.instance;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;

/** The instances sync-service can import users and extensions from. */
@Path("/api/v1/sync/instances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sync")
public class KnownInstanceResource {

    public record KnownInstanceView(UUID id, String tenantId, String name, String pbxType, String dbType,
            String dbHost, Integer dbPort, String dbName, long version) {
    }

    @GET
    public List<KnownInstanceView> list() {
        return KnownInstance.<KnownInstance>find("deleted = false", Sort.by("name")).stream()
                .map(k -> new KnownInstanceView(k.id, k.tenantId, k.name, k.pbxType, k.dbType, k.dbHost, k.dbPort,
                        k.dbName, k.version))
                .toList();
    }
}
