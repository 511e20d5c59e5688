package io.pbxhub.billing.rerate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rerate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rerating")
public class RerateResource {

    private final Rerating rerating;

    public RerateResource(Rerating rerating) {
        this.rerating = rerating;
    }

    /** Reprices an account's CDRs of a period with the current rules and reports what changed; safe to repeat. */
    @POST
    public RerateResult rerate(@NotNull @Valid RerateRequest request) {
        return rerating.rerate(request);
    }
}
