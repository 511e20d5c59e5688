package io.pbxhub.esl.status;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.pbxhub.common.error.ApiException;

/** Spec 004's status and registration endpoints, answered live by the instance's FreeSWITCH. */
@Path("/api/v1/instances/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceStatusResource {

    private final InstanceStatusService service;

    public InstanceStatusResource(InstanceStatusService service) {
        this.service = service;
    }

    @GET
    @Path("/system-status")
    public CompletionStage<SystemStatus> systemStatus(@PathParam("id") String id) {
        return service.systemStatus(instanceId(id));
    }

    @GET
    @Path("/registrations/{extension}")
    public CompletionStage<RegistrationStatus> registration(@PathParam("id") String id,
            @PathParam("extension") String extension, @RestQuery("tenant_domain") String domain) {
        UUID instanceId = instanceId(id);
        if (!extension.matches("[0-9A-Za-z_.-]{1,64}")) {
            throw ApiException.badRequest("extension must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (domain != null && !domain.matches("[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?")) {
            throw ApiException.badRequest("tenant_domain must be a domain name");
        }
        return service.registration(instanceId, extension, domain);
    }

    private static UUID instanceId(String id) {
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
