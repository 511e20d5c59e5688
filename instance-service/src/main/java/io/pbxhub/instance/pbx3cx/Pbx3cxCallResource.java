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

/** 3CX call records. Like the rest of the 3CX API, PUT and DELETE answer 201. */
@Path("/api/v1/pbx3cx_calls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "3CX calls")
public class Pbx3cxCallResource {

    private final Pbx3cxCallService service;
    private final JsonRequests requests;

    public Pbx3cxCallResource(Pbx3cxCallService service, JsonRequests requests) {
        this.service = service;
        this.requests = requests;
    }

    @GET
    @Operation(description = "Call records, newest first. Filters: pbx3cx_host_id, call_id; paging: limit (1-1000, default 100), offset.")
    public List<Pbx3cxCallView> list(@QueryParam("pbx3cx_host_id") String hostId,
            @QueryParam("call_id") String callId, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        return service.list(QueryParams.id("pbx3cx_host_id", hostId),
                callId == null || callId.isBlank() ? null : callId.strip(), QueryParams.limit(limit),
                QueryParams.offset(offset)).stream().map(Pbx3cxCallView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Stores a call record. A history_id already stored for the host is a 409.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Pbx3cxCallRequest.class)))
    public Response create(JsonNode body) {
        Pbx3cxCallView created = Pbx3cxCallView.of(service.create(requests.read(body, Pbx3cxCallRequest.class)));
        return Response.created(URI.create("/api/v1/pbx3cx_calls/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public Pbx3cxCallView get(@PathParam("id") long id) {
        return Pbx3cxCallView.of(service.require(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Edits a call record: fields left out keep their value. Answers 201 with the record.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Pbx3cxCallRequest.class)))
    public Response update(@PathParam("id") long id, JsonNode body) {
        Pbx3cxCallRequest edit = requests.read(requests.overlay(Pbx3cxCallRequest.of(service.require(id)), body),
                Pbx3cxCallRequest.class);
        return Response.status(Response.Status.CREATED).entity(Pbx3cxCallView.of(service.update(id, edit))).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        return Response.status(Response.Status.CREATED).entity(SuccessMessage.of("3CX call " + id + " deleted"))
                .build();
    }
}
