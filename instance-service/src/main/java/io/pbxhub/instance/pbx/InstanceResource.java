package io.pbxhub.instance.pbx;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.common.error.ApiException;

@Path("/api/v1/instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "PBX instances")
public class InstanceResource {

    private final InstanceService service;

    public InstanceResource(InstanceService service) {
        this.service = service;
    }

    @POST
    public Response create(@NotNull @Valid InstanceRequest request) {
        InstanceView created = InstanceView.of(service.create(request));
        return Response.created(URI.create("/api/v1/instances/" + created.id())).entity(created).build();
    }

    @GET
    public List<InstanceView> list() {
        return service.list().stream().map(InstanceView::of).toList();
    }

    @GET
    @Path("/{id}")
    public InstanceView get(@PathParam("id") UUID id) {
        return service.find(id).map(InstanceView::of).orElseThrow(() -> ApiException.notFound("instance", id));
    }
}
