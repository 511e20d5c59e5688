package io.pbxhub.instance.pbx3cx;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.instance.helpers.JsonRequests;

/**
 * The deprecated spelling {@code /api/v1/pbx3cx_hosts}: every method of {@link Pbx3cxHostResource}, inherited, not
 * copied. {@link DeprecatedAliasHeaders} marks its answers.
 */
@Path(DeprecatedAliasHeaders.ALIAS)
@Tag(name = "3CX hosts")
@Deprecated
public class Pbx3cxHostAliasResource extends Pbx3cxHostResource {

    public Pbx3cxHostAliasResource(Pbx3cxHostService service, JsonRequests requests) {
        super(service, requests);
    }
}
