package io.pbxhub.instance.audit;

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
 * Audit records of 3CX (and FusionPBX) configuration changes. Like the rest of the 3CX API, PUT and DELETE answer 201.
 */
@Path("/api/v1/pbx3cx-audits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "3CX audits")
public class AuditResource {

    private final AuditService service;
    private final JsonRequests requests;

    public AuditResource(AuditService service, JsonRequests requests) {
        this.service = service;
        this.requests = requests;
    }

    @GET
    @Operation(description = "Audit records, newest first. Filters: auditable_type, auditable_id, event; paging: limit (1-1000, default 100), offset.")
    public List<AuditView> list(@QueryParam("auditable_type") String type, @QueryParam("auditable_id") String id,
            @QueryParam("event") String event, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        AuditService.Filter filter = new AuditService.Filter(blankToNull(type), blankToNull(id), blankToNull(event));
        return service.list(filter, QueryParams.limit(limit), QueryParams.offset(offset)).stream()
                .map(service::view).toList();
    }

    @GET
    @Path("/{id}")
    public AuditView get(@PathParam("id") long id) {
        return service.view(service.require(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Records a change. The actor is the X-PbxHub-Principal header (or anonymous); secrets are removed from the values.")
    @RequestBody(content = @Content(schema = @Schema(implementation = AuditRequest.class)))
    public Response create(JsonNode body) {
        AuditView created = service.view(service.create(requests.read(body, AuditRequest.class)));
        return Response.created(URI.create("/api/v1/pbx3cx-audits/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Changes the comment of an audit record; other fields cannot change (409).")
    @RequestBody(content = @Content(schema = @Schema(implementation = AuditRequest.class)))
    public Response update(@PathParam("id") long id, JsonNode body) {
        AuditRequest edit = requests.read(requests.overlay(service.asRequest(service.require(id)), body),
                AuditRequest.class);
        return Response.status(201).entity(service.view(service.update(id, edit))).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.status(201).entity(SuccessMessage.of("audit record " + id + " deleted")).build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
