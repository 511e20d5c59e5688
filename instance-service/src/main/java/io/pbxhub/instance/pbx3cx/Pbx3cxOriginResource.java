package io.pbxhub.instance.pbx3cx;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/pbx3cx/{id}/origins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "3CX hosts")
public class Pbx3cxOriginResource {

    private final Pbx3cxHostService service;

    public Pbx3cxOriginResource(Pbx3cxHostService service) {
        this.service = service;
    }

    @GET
    @Operation(description = "The extensions, queues and ring groups of the host's pbx_map, as {type, number, name}.")
    public List<Origin> origins(@PathParam("id") long id) {
        return service.origins(id);
    }
}
