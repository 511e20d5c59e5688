package io.pbxhub.billing.intake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.common.error.ApiException;

@Path("/api/v1/admin/cdr-failures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CDR intake")
public class CdrFailureResource {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    private final CdrFailures failures;

    public CdrFailureResource(CdrFailures failures) {
        this.failures = failures;
    }

    /** CDRs that could not be parsed or rated, newest first; {@code source} is kafka, fusionpbx or 3cx. */
    @GET
    public CdrFailurePage list(@QueryParam("source") String source, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        int pageNumber = integer("page", page, 0);
        int pageSize = integer("size", size, DEFAULT_SIZE);
        if (pageNumber < 0) {
            throw ApiException.badRequest("page: must be 0 or more");
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            throw ApiException.badRequest("size: must be between 1 and " + MAX_SIZE);
        }
        if ((long) pageNumber * pageSize > Integer.MAX_VALUE) {
            throw ApiException.badRequest("page: too far for page size " + pageSize);
        }
        CdrSource wanted = source == null || source.isBlank() ? null : CdrSource.ofLabel(source);
        return failures.list(wanted, pageNumber, pageSize);
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": not a whole number");
        }
    }
}
