package io.pbxhub.billing.cdr;

import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.common.error.ApiException;

@Path("/api/v1/cdrs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CDRs")
public class CdrResource {

    private final RatedCdrRepository cdrs;
    private final CdrExport export;

    public CdrResource(RatedCdrRepository cdrs, CdrExport export) {
        this.cdrs = cdrs;
        this.export = export;
    }

    /** Rated CDRs, newest first. {@code from} is inclusive, {@code to} exclusive, both ISO-8601 with an offset. */
    @GET
    public CdrPage list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("instance_id") String instanceId, @QueryParam("tenant_id") String tenantId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return cdrs.search(CdrQuery.parse(from, to, instanceId, tenantId, page, size));
    }

    /** Spec 004 CDR export, streamed: {@code format} JSON (default), CSV or XML. */
    @GET
    @Path("/export")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.APPLICATION_XML})
    public Response export(@QueryParam("date_start") String dateStart, @QueryParam("date_end") String dateEnd,
            @QueryParam("format") String format) {
        CdrExport.Request request = CdrExport.parse(dateStart, dateEnd, format);
        String type = switch (request.format()) {
            case JSON -> MediaType.APPLICATION_JSON;
            case CSV -> "text/csv";
            case XML -> MediaType.APPLICATION_XML;
        };
        return Response.ok(export.stream(request), type).header("Content-Disposition", "attachment; filename=\"cdrs-"
                + request.start() + "-" + request.end() + "." + request.format().name().toLowerCase(Locale.ROOT)
                + "\"").build();
    }

    @GET
    @Path("/{instanceId}/{cdrUuid}")
    public CdrView get(@PathParam("instanceId") String instanceId, @PathParam("cdrUuid") String cdrUuid) {
        return cdrs.findByNaturalKey(CdrQuery.uuid("instance_id", instanceId), cdrUuid).map(CdrView::of)
                .orElseThrow(() -> ApiException.notFound("CDR", instanceId + "/" + cdrUuid));
    }

    /** How the CDR was priced, as recorded when it was rated (spec 001 "SPECIAL RATE CHECK" for special products). */
    @GET
    @Path("/{instanceId}/{cdrUuid}/trace")
    public CdrTrace trace(@PathParam("instanceId") String instanceId, @PathParam("cdrUuid") String cdrUuid) {
        return cdrs.findByNaturalKey(CdrQuery.uuid("instance_id", instanceId), cdrUuid).map(CdrTrace::of)
                .orElseThrow(() -> ApiException.notFound("CDR", instanceId + "/" + cdrUuid));
    }
}
