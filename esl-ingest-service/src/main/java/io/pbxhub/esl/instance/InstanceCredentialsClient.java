package io.pbxhub.esl.instance;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.pbxhub.esl.connection.InstanceGoneException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * instance-service's internal credentials endpoint (not routed by the gateway; guarded by the service token).
 * {@code pbxhub.instance-service.url} says where it is.
 */
@RegisterRestClient(configKey = "instance-service")
@Path("/internal/v1/instances")
@ClientHeaderParam(name = "X-PbxHub-Service-Token", value = "${pbxhub.internal.service-token}")
public interface InstanceCredentialsClient {

    @GET
    @Path("/{id}/credentials")
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 200, abortOn = InstanceGoneException.class)
    Uni<InstanceCredentials> credentials(@PathParam("id") UUID instanceId);

    /** 404 means the instance is gone for good: no retry, and the connection stops instead of backing off. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
            return new InstanceGoneException("instance-service has no such instance (404)");
        }
        // Anything else keeps the default mapping (a WebApplicationException), which is retried.
        return null;
    }
}
