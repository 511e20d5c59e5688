package io.pbxhub.billing.invoice;

import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/invoices")
@Tag(name = "Invoices")
public class InvoiceResource {

    static final String CSV = "text/csv";

    private final Invoices invoices;

    public InvoiceResource(Invoices invoices) {
        this.invoices = invoices;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(@NotNull @Valid InvoiceRequest request) {
        return Response.status(Response.Status.CREATED).entity(invoices.issue(request)).build();
    }

    /** JSON unless the client asks for {@code text/csv}; a client that accepts anything gets JSON. */
    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response get(@PathParam("id") long id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        InvoiceView invoice = invoices.get(id);
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains(CSV)) {
            return Response.ok(csv(invoice), CSV).build();
        }
        return Response.ok(invoice, MediaType.APPLICATION_JSON).build();
    }

    static String csv(InvoiceView invoice) {
        StringBuilder csv = new StringBuilder("line_no,kind,direction,pattern,billing_mode,calls,minutes,amount,"
                + "currency,description\r\n");
        for (InvoiceLine l : invoice.lines()) {
            csv.append(l.lineNo()).append(',').append(l.kind()).append(',').append(l.direction()).append(',')
                    .append(quoted(l.pattern())).append(',').append(l.billingMode()).append(',').append(l.calls())
                    .append(',').append(l.minutes()).append(',').append(l.amount()).append(',')
                    .append(invoice.currency()).append(',').append(quoted(l.description())).append("\r\n");
        }
        csv.append(",TOTAL,,,,,,").append(invoice.total()).append(',').append(invoice.currency()).append(",\r\n");
        return csv.toString();
    }

    /** RFC 4180 quoting, and a leading quote on anything a spreadsheet would run as a formula. */
    static String quoted(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
