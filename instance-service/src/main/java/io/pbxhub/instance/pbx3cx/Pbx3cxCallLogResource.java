package io.pbxhub.instance.pbx3cx;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

@Path("/api/v1/pbx3cx-call-logs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "3CX call logs")
public class Pbx3cxCallLogResource {

    private final Pbx3cxCallLogService service;
    private final JsonRequests requests;

    public Pbx3cxCallLogResource(Pbx3cxCallLogService service, JsonRequests requests) {
        this.service = service;
        this.requests = requests;
    }

    @GET
    @Operation(description = "Visible call log entries, newest first. Filter: pbx3cx_host_id; paging: limit (1-1000, default 100), offset.")
    public List<Pbx3cxCallLogView> list(@QueryParam("pbx3cx_host_id") String hostId,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return service.listVisible(QueryParams.id("pbx3cx_host_id", hostId), QueryParams.limit(limit),
                QueryParams.offset(offset)).stream().map(Pbx3cxCallLogView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(description = "Logs a call session (pbx3cx_host_id + call_id) and refreshes its figures from the session's "
            + "call records: 201 when new, 200 when the entry existed and was refreshed.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Pbx3cxCallLogRequest.class)))
    public Response create(JsonNode body) {
        Pbx3cxCallLogService.Saved saved = service.createOrRefresh(requests.read(body, Pbx3cxCallLogRequest.class));
        Pbx3cxCallLogView view = Pbx3cxCallLogView.of(saved.log());
        return saved.created()
                ? Response.created(URI.create("/api/v1/pbx3cx-call-logs/" + view.id())).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("/{id}")
    @Operation(description = "One call log entry, visible or not.")
    public Pbx3cxCallLogView get(@PathParam("id") long id) {
        return Pbx3cxCallLogView.of(service.require(id));
    }
}
