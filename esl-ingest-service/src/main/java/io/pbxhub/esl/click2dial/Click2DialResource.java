package io.pbxhub.esl.click2dial;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.pbxhub.common.error.ApiException;

/** Click-to-dial: start an originate on a PBX and look its outcome up later by job id. */
@Path("/api/v1/instances/{id}/click2dial")
@Produces(MediaType.APPLICATION_JSON)
public class Click2DialResource {

    private final Click2DialService service;
    private final Click2DialJobs jobs;

    public Click2DialResource(Click2DialService service, Click2DialJobs jobs) {
        this.service = service;
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> dial(@PathParam("id") String id, @NotNull @Valid Click2DialRequest request) {
        return service.dial(instanceId(id), request)
                .thenApply(job -> Response.accepted(new Accepted(job.jobId(), job.status())).build());
    }

    @GET
    @Path("/{jobId}")
    public Click2DialJob job(@PathParam("id") String id, @PathParam("jobId") String jobId) {
        UUID instanceId = instanceId(id);
        return jobs.find(instanceId, jobId).orElseThrow(() -> ApiException.notFound("click2dial job", jobId));
    }

    /** The 202 body: the job to poll. */
    public record Accepted(String jobId, String status) {
    }

    static UUID instanceId(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.notFound("instance", id);
    }
}
