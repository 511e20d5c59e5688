package io.pbxhub.billing.account;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pbxhub.common.error.ApiException;

/** Prepaid balances: read one, top it up or adjust it (idempotent on the reference), read its ledger. */
@Path("/api/v1/accounts/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Balances")
public class BalanceResource {

    private static final int MAX_PAGE_SIZE = 1000;

    private final Balances balances;

    public BalanceResource(Balances balances) {
        this.balances = balances;
    }

    @GET
    @Path("/balance")
    public BalanceView balance(@PathParam("id") long id) {
        return balances.view(id);
    }

    /** 201 with the movement when credited; 200 with the earlier movement when the reference was booked before. */
    @POST
    @Path("/top-ups")
    public Response topUp(@PathParam("id") long id, @NotNull @Valid BalanceChangeRequest request) {
        if (request.amount().signum() <= 0) {
            throw ApiException.badRequest("amount: a top-up must be greater than 0");
        }
        return booked(balances.book(id, Balances.TOP_UP, request.amount(), request.currency(), request.reference()));
    }

    /** A correction by the billing team: a signed, non-zero amount, idempotent on the reference like a top-up. */
    @POST
    @Path("/adjustments")
    public Response adjust(@PathParam("id") long id, @NotNull @Valid BalanceChangeRequest request) {
        if (request.amount().signum() == 0) {
            throw ApiException.badRequest("amount: an adjustment must not be 0");
        }
        return booked(
                balances.book(id, Balances.ADJUSTMENT, request.amount(), request.currency(), request.reference()));
    }

    /** Newest first; {@code page} from 0, {@code size} 1 to 1000 (default 100). */
    @GET
    @Path("/balance/movements")
    public List<MovementView> movements(@PathParam("id") long id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        int p = number("page", page, 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int s = number("size", size, 100, 1, MAX_PAGE_SIZE);
        return balances.movements(id, p, s).stream().map(MovementView::of).toList();
    }

    private static Response booked(Balances.Booked booked) {
        return Response.status(booked.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(MovementView.of(booked.movement())).build();
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + ": must be a whole number from " + min + " to " + max + ", got " + value);
    }
}
