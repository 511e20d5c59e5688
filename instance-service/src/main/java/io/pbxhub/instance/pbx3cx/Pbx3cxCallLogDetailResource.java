package io.pbxhub.instance.pbx3cx;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/pbx3cx-call-log-details/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "3CX call logs")
public class Pbx3cxCallLogDetailResource {

    private final Pbx3cxCallLogService service;

    public Pbx3cxCallLogDetailResource(Pbx3cxCallLogService service) {
        this.service = service;
    }

    @GET
    @Operation(description = "A call log entry with its participants and its call records (segments) in time order.")
    public Pbx3cxCallLogView.Detail detail(@PathParam("id") long id) {
        return service.detail(id);
    }
}
