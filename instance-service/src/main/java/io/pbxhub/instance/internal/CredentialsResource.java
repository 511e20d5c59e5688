package io.pbxhub.instance.internal;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.pbxhub.common.error.ApiException;
import io.pbxhub.instance.pbx.InstanceCredentials;
import io.pbxhub.instance.pbx.InstanceService;

/** Decrypted PBX credentials for services that connect to a PBX (esl-ingest, sync, CDR import). Not routed. */
@Path("/internal/v1/instances/{id}/credentials")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialsResource {

    private final InstanceService service;

    public CredentialsResource(InstanceService service) {
        this.service = service;
    }

    @GET
    @Operation(hidden = true)
    public InstanceCredentials credentials(@PathParam("id") UUID id) {
        return service.credentials(id).orElseThrow(() -> ApiException.notFound("instance", id));
    }
}
