package io.pbxhub.billing.pbx3cx;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/cdrs/3cx")
@Tag(name = "CDR intake")
public class Pbx3cxCdrResource {

    private final Pbx3cxIntake intake;

    public Pbx3cxCdrResource(Pbx3cxIntake intake) {
        this.intake = intake;
    }

    /**
     * One 3CX CDR or an array of them (fields of 3CX's CDR service, snake_case; see docs/billing.md). 202 with the
     * counts accepted / duplicate / rejected and a reason per rejected entry; 400 when the body as a whole is bad.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response push(@RequestBody(description = "one 3CX CDR object or an array of them") String body) {
        return Response.accepted(intake.push(body)).build();
    }
}
