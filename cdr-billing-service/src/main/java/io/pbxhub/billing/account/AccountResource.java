package io.pbxhub.billing.account;

import java.util.List;

import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.billing.cdr.CdrPage;
import io.pbxhub.billing.cdr.CdrQuery;
import io.pbxhub.billing.cdr.RatedCdrRepository;
import io.pbxhub.billing.product.ProductEntity;

@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AccountResource {

    private final Accounts accounts;
    private final RatedCdrRepository cdrs;

    public AccountResource(Accounts accounts, RatedCdrRepository cdrs) {
        this.accounts = accounts;
        this.cdrs = cdrs;
    }

    /** The client CDR view, newest first; {@code from} inclusive, {@code to} exclusive, ISO-8601 with an offset. */
    @GET
    @Path("/{id}/cdrs")
    @Transactional
    public CdrPage cdrs(@PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        AccountEntity account = accounts.require(id);
        ProductEntity product = ProductEntity.findById(account.productId);
        return cdrs.forAccount(id, product.specialNumberBilling, CdrQuery.parse(from, to, null, null, page, size));
    }

    @POST
    public Response create(@NotNull @Valid AccountRequest request) {
        return Response.status(Response.Status.CREATED).entity(accounts.create(request)).build();
    }

    @GET
    public List<AccountView> list(@QueryParam("tenant_id") String tenantId) {
        return accounts.list(tenantId);
    }

    @GET
    @Path("/{id}")
    public AccountView get(@PathParam("id") long id) {
        return accounts.get(id);
    }

    @PUT
    @Path("/{id}")
    public AccountView replace(@PathParam("id") long id, @NotNull @Valid AccountRequest request) {
        return accounts.replace(id, request);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        accounts.delete(id);
        return Response.noContent().build();
    }
}
