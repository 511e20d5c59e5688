package io.pbxhub.instance.pbx3cx;

import java.net.URI;
import java.util.List;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.pbxhub.instance.helpers.JsonRequests;
import io.pbxhub.instance.helpers.QueryParams;
import io.pbxhub.instance.helpers.SuccessMessage;

/**
 * 3CX hosts. The deprecated spelling {@code /api/v1/pbx3cx_hosts} is {@link Pbx3cxHostAliasResource}, which inherits
 * every method from here. Status codes follow the 3CX API: PUT and DELETE answer 201.
 */
@Path(Pbx3cxHostResource.CANONICAL)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "3CX hosts")
public class Pbx3cxHostResource {

    static final String CANONICAL = "/api/v1/pbx3cx-hosts";

    private final Pbx3cxHostService service;
    private final JsonRequests requests;

    public Pbx3cxHostResource(Pbx3cxHostService service, JsonRequests requests) {
        this.service = service;
        this.requests = requests;
    }

    @GET
    @Operation(description = "All 3CX hosts, by id. customer_id filters on customer_file_id; tenant_id on the tenant.")
    public List<Pbx3cxHostView> list(@QueryParam("customer_id") String customerId,
            @QueryParam("tenant_id") String tenantId) {
        return service.list(QueryParams.id("customer_id", customerId), blankToNull(tenantId)).stream()
                .map(Pbx3cxHostView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Registers a 3CX host; its code (PBX-000042) is generated from its id.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Pbx3cxHostRequest.class)))
    public Response create(JsonNode body) {
        Pbx3cxHostRequest request = requests.read(body, Pbx3cxHostRequest.class, Pbx3cxHostRequest.SECRETS);
        Pbx3cxHostView created = Pbx3cxHostView.of(service.create(request));
        return Response.created(URI.create(CANONICAL + "/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public Pbx3cxHostView get(@PathParam("id") long id) {
        return Pbx3cxHostView.of(service.require(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Edits a host: fields left out keep their value, null resets a field to its default; "
            + "for a secret, null or absent keeps it and \"\" clears it. Answers 201 with the host.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Pbx3cxHostRequest.class)))
    public Response update(@PathParam("id") long id, JsonNode body) {
        Pbx3cxHostRequest current = Pbx3cxHostRequest.of(service.require(id));
        Pbx3cxHostRequest edit = requests.read(requests.overlay(current, body), Pbx3cxHostRequest.class,
                Pbx3cxHostRequest.SECRETS);
        return Response.status(Response.Status.CREATED).entity(Pbx3cxHostView.of(service.update(id, edit))).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(description = "Removes a host with its calls and call logs. Answers 201 with a success message.")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.status(Response.Status.CREATED).entity(SuccessMessage.of("3CX host " + id + " deleted"))
                .build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
