package io.pbxhub.billing.rating;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.billing.product.Products;

@Path("/api/v1/rating")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rating")
public class RatingResource {

    private final CallPricing pricing;
    private final Products products;
    private final GlobalExcludes excludes;

    public RatingResource(CallPricing pricing, Products products, GlobalExcludes excludes) {
        this.pricing = pricing;
        this.products = products;
        this.excludes = excludes;
    }

    /** Prices a call on a product and returns the trace; nothing is stored or deducted. */
    @POST
    @Path("/simulate")
    public PricingView simulate(@NotNull @Valid SimulationRequest request) {
        return PricingView.of(pricing.simulate(products.require(request.productId()), request.number(),
                request.direction(), request.duration()));
    }

    @GET
    @Path("/excludes")
    public List<String> excludes() {
        return excludes.list();
    }

    /** Replaces the global exclude list (destination prefixes standard billing never charges). */
    @PUT
    @Path("/excludes")
    public List<String> replaceExcludes(@NotNull List<String> prefixes) {
        return excludes.replace(prefixes);
    }
}
