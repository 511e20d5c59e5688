package io.pbxhub.billing.instance;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * instance-service's internal credentials endpoint (not routed by the gateway; guarded by the service token), as
 * esl-ingest-service calls it. {@code pbxhub.instance-service.url} says where it is.
 */
@RegisterRestClient(configKey = "instance-service")
@Path("/internal/v1/instances")
@ClientHeaderParam(name = "X-PbxHub-Service-Token", value = "${pbxhub.internal.service-token}")
public interface InstanceCredentialsClient {

    @GET
    @Path("/{id}/credentials")
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 300, jitter = 200)
    InstanceCredentials credentials(@PathParam("id") UUID instanceId);
}
