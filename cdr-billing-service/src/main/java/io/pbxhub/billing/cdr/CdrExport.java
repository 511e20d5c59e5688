package io.pbxhub.billing.cdr;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.common.error.ApiException;

/**
 * The CDR export of spec 004: every rated CDR that started within {@code [date_start, date_end]} (whole UTC days, both
 * inclusive) as JSON, CSV or XML. Rows stream from a server-side cursor straight to the response, so a range of
 * millions of CDRs needs no more memory than one. The count and the rows come from one read-only REPEATABLE READ
 * transaction, so {@code total_records} is exactly the number of records that follow even while CDRs keep arriving.
 * JSON and XML carry the spec's response fields (status, message, total_records, date_range, export_format) around
 * the records; CSV is one header line and one line per CDR.
 */
@ApplicationScoped
public class CdrExport {

    public enum Format {
        JSON,
        CSV,
        XML
    }

    static final List<String> FIELDS = List.of("cdr_uuid", "instance_id", "tenant_id", "account_id", "direction",
            "caller_id_name", "caller_id_number", "destination_number", "start_time", "answer_time", "end_time",
            "duration", "billsec", "billed_seconds", "hangup_cause", "calltype", "matched_by", "matched_prefix",
            "charge", "currency");
    private static final String WHERE = " FROM rated_cdr WHERE start_time >= ? AND start_time < ?";
    private static final int MAX_DAYS = 366;

    private final DataSource dataSource;
    private final ObjectMapper json;

    public CdrExport(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public record Request(LocalDate start, LocalDate end, Format format) {

        String dateRange() {
            return start + " to " + end;
        }
    }

    /** Validates the query parameters; messages name them. */
    public static Request parse(String dateStart, String dateEnd, String format) {
        LocalDate start = date("date_start", dateStart);
        LocalDate end = date("date_end", dateEnd);
        if (end.isBefore(start)) {
            throw ApiException.badRequest("date_end: must not be before date_start");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ApiException.badRequest("date_end: a range is at most " + MAX_DAYS + " days");
        }
        Format f;
        try {
            f = format == null || format.isBlank()
                    ? Format.JSON
                    : Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("format: must be JSON, CSV or XML");
        }
        return new Request(start, end, f);
    }

    public StreamingOutput stream(Request request) {
        return out -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    long total = count(c, request);
                    try (PreparedStatement select = c.prepareStatement("SELECT " + String.join(", ", FIELDS) + WHERE
                            + " ORDER BY start_time, id")) {
                        bind(select, request);
                        select.setFetchSize(1000);
                        try (ResultSet rows = select.executeQuery()) {
                            switch (request.format()) {
                                case JSON -> json(out, request, total, rows);
                                case CSV -> csv(out, rows);
                                case XML -> xml(out, request, total, rows);
                            }
                        }
                    }
                } finally {
                    c.rollback();
                }
            } catch (SQLException | XMLStreamException e) {
                throw new IOException("CDR export failed: " + e.getMessage(), e);
            }
        };
    }

    private void json(OutputStream out, Request request, long total, ResultSet rows) throws IOException, SQLException {
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeStringField("message", "CDR export completed");
            g.writeNumberField("total_records", total);
            g.writeStringField("date_range", request.dateRange());
            g.writeStringField("export_format", "JSON");
            g.writeArrayFieldStart("records");
            while (rows.next()) {
                g.writeStartObject();
                for (int i = 0; i < FIELDS.size(); i++) {
                    String value = text(rows, i + 1);
                    String name = FIELDS.get(i);
                    if (value == null) {
                        g.writeNullField(name);
                    } else if (name.equals("duration") || name.equals("billsec") || name.equals("billed_seconds")
                            || name.equals("account_id")) {
                        g.writeNumberField(name, Long.parseLong(value));
                    } else {
                        g.writeStringField(name, value);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void csv(OutputStream out, ResultSet rows) throws IOException, SQLException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(String.join(",", FIELDS));
        w.write("\r\n");
        while (rows.next()) {
            for (int i = 0; i < FIELDS.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(csvValue(text(rows, i + 1)));
            }
            w.write("\r\n");
        }
        w.flush();
    }

    private static void xml(OutputStream out, Request request, long total, ResultSet rows)
            throws XMLStreamException, SQLException {
        XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.writeStartElement("cdr_export");
        element(x, "status", "success");
        element(x, "message", "CDR export completed");
        element(x, "total_records", String.valueOf(total));
        element(x, "date_range", request.dateRange());
        element(x, "export_format", "XML");
        x.writeStartElement("records");
        while (rows.next()) {
            x.writeStartElement("cdr");
            for (int i = 0; i < FIELDS.size(); i++) {
                String value = text(rows, i + 1);
                if (value != null) {
                    element(x, FIELDS.get(i), value);
                }
            }
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndDocument();
        x.flush();
    }

    private static void element(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    /** RFC 4180 quoting; a value a spreadsheet would run as a formula gets a leading quote. */
    static String csvValue(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String text(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString().strip();
    }

    private static long count(Connection c, Request request) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("SELECT count(*)" + WHERE)) {
            bind(count, request);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement statement, Request request) throws SQLException {
        statement.setObject(1, request.start().atStartOfDay().atOffset(ZoneOffset.UTC));
        statement.setObject(2, request.end().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + ": is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + ": must be a date YYYY-MM-DD");
        }
    }
}
