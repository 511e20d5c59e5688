package io.pbxhub.billing.rating;

import java.io.InputStream;
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

@Path("/api/v1/rate-decks/{deckId}/entries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rate decks")
public class RateDeckResource {

    private final RateDeckService service;
    private final RateDeckCsvImport csvImport;

    public RateDeckResource(RateDeckService service, RateDeckCsvImport csvImport) {
        this.service = service;
        this.csvImport = csvImport;
    }

    @POST
    public Response add(@PathParam("deckId") String deckId, @NotNull @Valid DeckEntryRequest request) {
        DeckEntryView created = DeckEntryView.of(service.addEntry(deckId, request));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    /**
     * Loads entries from CSV ({@code prefix,rate,connect_fee,increment[,min_duration]}), {@code mode=merge} (default)
     * or {@code replace}; all rows or none (see {@link RateDeckCsvImport}).
     */
    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public RateDeckCsvImport.Result upload(@PathParam("deckId") String deckId, @QueryParam("mode") String mode,
            InputStream csv) {
        return csvImport.load(deckId, mode, csv);
    }

    @GET
    public List<DeckEntryView> list(@PathParam("deckId") String deckId) {
        return service.entries(deckId).stream().map(DeckEntryView::of).toList();
    }
}
