package io.pbxhub.instance.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.common.error.ApiException;

@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class TenantResource {

    private final TenantService service;

    public TenantResource(TenantService service) {
        this.service = service;
    }

    /** What {@code PUT /api/v1/tenants/{id}/instance} takes: the instance to move to, or null to unassign. */
    public record Assignment(UUID instanceId) {
    }

    @GET
    public List<TenantView> list(@QueryParam("instance_id") UUID instanceId) {
        return service.list(instanceId).stream().map(TenantView::of).toList();
    }

    @GET
    @Path("/{id}")
    public TenantView get(@PathParam("id") String id) {
        return service.find(id).map(TenantView::of).orElseThrow(() -> ApiException.notFound("tenant", id));
    }

    @POST
    public Response create(@NotNull @Valid TenantRequest request) {
        TenantView created = TenantView.of(service.create(request));
        return Response.created(URI.create("/api/v1/tenants/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    public TenantView update(@PathParam("id") String id, @NotNull @Valid TenantRequest request) {
        return TenantView.of(service.update(id, request));
    }

    @PUT
    @Path("/{id}/instance")
    public TenantView assign(@PathParam("id") String id, @NotNull Assignment assignment) {
        return TenantView.of(service.assign(id, assignment.instanceId()));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
