package io.pbxhub.billing.rating;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rate-decks/{deckId}/entries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rate decks")
public class RateDeckResource {

    private final RateDeckService service;

    public RateDeckResource(RateDeckService service) {
        this.service = service;
    }

    @POST
    public Response add(@PathParam("deckId") String deckId, @NotNull @Valid DeckEntryRequest request) {
        DeckEntryView created = DeckEntryView.of(service.addEntry(deckId, request));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    public List<DeckEntryView> list(@PathParam("deckId") String deckId) {
        return service.entries(deckId).stream().map(DeckEntryView::of).toList();
    }
}
