package io.pbxhub.billing.special;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/products/{productId}/special-rates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Special rates")
public class SpecialRuleResource {

    private final SpecialRules rules;

    public SpecialRuleResource(SpecialRules rules) {
        this.rules = rules;
    }

    @GET
    public List<SpecialRuleView> list(@PathParam("productId") long productId) {
        return rules.list(productId).stream().map(SpecialRuleView::of).toList();
    }

    /** "Configure Special Rates": the product's rules become exactly these. */
    @PUT
    public List<SpecialRuleView> replaceAll(@PathParam("productId") long productId,
            @NotNull @Valid List<@NotNull @Valid SpecialRuleRequest> requests) {
        return rules.replaceAll(productId, requests).stream().map(SpecialRuleView::of).toList();
    }

    @POST
    public Response add(@PathParam("productId") long productId, @NotNull @Valid SpecialRuleRequest request) {
        return Response.status(Response.Status.CREATED).entity(SpecialRuleView.of(rules.add(productId, request)))
                .build();
    }

    @PUT
    @Path("/{ruleId}")
    public SpecialRuleView replace(@PathParam("productId") long productId, @PathParam("ruleId") long ruleId,
            @NotNull @Valid SpecialRuleRequest request) {
        return SpecialRuleView.of(rules.replace(productId, ruleId, request));
    }

    @DELETE
    @Path("/{ruleId}")
    public Response delete(@PathParam("productId") long productId, @PathParam("ruleId") long ruleId) {
        rules.delete(productId, ruleId);
        return Response.noContent().build();
    }
}
