package io.pbxhub.billing.cdr;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.common.error.ApiException;

@Path("/api/v1/cdrs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CDRs")
public class CdrResource {

    private final RatedCdrRepository cdrs;

    public CdrResource(RatedCdrRepository cdrs) {
        this.cdrs = cdrs;
    }

    /** Rated CDRs, newest first. {@code from} is inclusive, {@code to} exclusive, both ISO-8601 with an offset. */
    @GET
    public CdrPage list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("instance_id") String instanceId, @QueryParam("tenant_id") String tenantId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return cdrs.search(CdrQuery.parse(from, to, instanceId, tenantId, page, size));
    }

    @GET
    @Path("/{instanceId}/{cdrUuid}")
    public CdrView get(@PathParam("instanceId") String instanceId, @PathParam("cdrUuid") String cdrUuid) {
        return cdrs.findByNaturalKey(CdrQuery.uuid("instance_id", instanceId), cdrUuid).map(CdrView::of)
                .orElseThrow(() -> ApiException.notFound("CDR", instanceId + "/" + cdrUuid));
    }
}
