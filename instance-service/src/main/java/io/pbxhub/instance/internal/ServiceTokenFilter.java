package io.pbxhub.instance.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.pbxhub.common.error.ApiError;

/**
 * Guards {@code /internal/**}: only services presenting the shared service token may read decrypted credentials. The
 * gateway never routes this path, so the token is a second fence, not the only one.
 */
public class ServiceTokenFilter {

    public static final String HEADER = "X-PbxHub-Service-Token";

    private final byte[] expected;

    public ServiceTokenFilter(@ConfigProperty(name = "pbxhub.internal.service-token") String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Response checkServiceToken(ContainerRequestContext ctx) {
        if (!ctx.getUriInfo().getPath().startsWith("/internal/")) {
            return null;
        }
        String presented = ctx.getHeaderString(HEADER);
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            return ApiError.response(401, "a valid " + HEADER + " header is required");
        }
        return null;
    }
}
