package io.pbxhub.billing.product;

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

@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
public class ProductResource {

    private final Products products;

    public ProductResource(Products products) {
        this.products = products;
    }

    @POST
    public Response create(@NotNull @Valid ProductRequest request) {
        return Response.status(Response.Status.CREATED).entity(ProductView.of(products.create(request))).build();
    }

    @GET
    public List<ProductView> list() {
        return products.list().stream().map(ProductView::of).toList();
    }

    @GET
    @Path("/{id}")
    public ProductView get(@PathParam("id") long id) {
        return ProductView.of(products.require(id));
    }

    @PUT
    @Path("/{id}")
    public ProductView replace(@PathParam("id") long id, @NotNull @Valid ProductRequest request) {
        return ProductView.of(products.replace(id, request));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        products.delete(id);
        return Response.noContent().build();
    }
}
