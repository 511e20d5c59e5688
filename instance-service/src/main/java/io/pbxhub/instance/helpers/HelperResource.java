package io.pbxhub.instance.helpers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reference data for configuring 3CX systems, shipped with the service (see docs/pbx3cx.md for its sources). It needs
 * no authentication and changes only with a release, so clients may cache it for a day.
 */
@Path("/api/v1/helpers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Helpers")
public class HelperResource {

    static final String COUNTRIES = "helpers/3cx-countries.json";
    static final String OPEN_DESTINATIONS = "helpers/3cx-open-destinations.json";

    private final byte[] countries;
    private final byte[] openDestinations;

    public HelperResource(ObjectMapper mapper) {
        // Parsed once so a broken file fails the start, not a request; served as compact JSON.
        this.countries = load(mapper, COUNTRIES);
        this.openDestinations = load(mapper, OPEN_DESTINATIONS);
    }

    @GET
    @Path("/3cxCountries")
    @Operation(description = "Countries for 3CX configuration: {name, code (ISO 3166-1 alpha-2), dialing_code (E.164 country code)}.")
    public Response countries() {
        return cached(countries);
    }

    @GET
    @Path("/3cxOpenDestinations")
    @Operation(description = "Destinations 3CX routing accepts (destination_type) and the emergency numbers that stay "
            + "dialable whatever an extension's outbound restrictions (emergency_number, per country).")
    public Response openDestinations() {
        return cached(openDestinations);
    }

    private static Response cached(byte[] json) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86400);
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).cacheControl(cache).build();
    }

    private static byte[] load(ObjectMapper mapper, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            JsonNode tree = mapper.readTree(in);
            if (!tree.isArray() || tree.isEmpty()) {
                throw new IllegalStateException(resource + " must be a non-empty JSON array");
            }
            return mapper.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
