package io.pbxhub.instance.pbx3cx;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Marks every answer served under the deprecated {@code /api/v1/pbx3cx_hosts} (RFC 9745 {@code Deprecation}, RFC 8288
 * {@code Link} to the successor), errors included, so clients see the warning whatever they called.
 */
public class DeprecatedAliasHeaders {

    static final String ALIAS = "/api/v1/pbx3cx_hosts";

    @ServerResponseFilter
    public void markAlias(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.equals(ALIAS) || path.startsWith(ALIAS + "/")) {
            response.getHeaders().putSingle("Deprecation", "true");
            response.getHeaders().putSingle("Link",
                    "<" + Pbx3cxHostResource.CANONICAL + ">; rel=\"successor-version\"");
        }
    }
}
