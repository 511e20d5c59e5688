package io.pbxhub.billing.rating;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;

/**
 * Loads rate deck entries from CSV ({@code text/csv}), streamed line by line into JDBC batches of
 * {@value #BATCH} rows, all in one transaction: a bad line anywhere rolls back every row already written, so the deck
 * is either fully updated or untouched.
 * <p>
 * Columns, in this order: {@code prefix,rate,connect_fee,increment[,min_duration]}. A first line that starts with
 * {@code prefix} is a header and must name exactly these columns. Fields are plain values (no quoting: none of them
 * can contain a comma), spaces around them are ignored, blank lines are skipped. {@code rate} and {@code connect_fee}
 * are decimals with at most 6 integer and 6 fraction digits ({@code connect_fee} empty = 0); {@code increment} is
 * {@code first/next} seconds, each 1–3600 ({@code 60/60}, {@code 30/6}, {@code 1/1}; empty = 60/60);
 * {@code min_duration} is 0–86400 seconds (empty or absent = 0). A prefix may appear once per file.
 * <p>
 * Modes: {@link Mode#MERGE} (default) inserts new prefixes and overwrites existing ones, leaving the deck's other
 * prefixes alone; {@link Mode#REPLACE} makes the deck exactly the file (every other prefix is deleted).
 */
@ApplicationScoped
public class RateDeckCsvImport {

    static final int BATCH = 1_000;
    private static final String[] COLUMNS = {"prefix", "rate", "connect_fee", "increment", "min_duration"};
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,20}");
    private static final Pattern MONEY = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,6})?");
    private static final Pattern INCREMENT = Pattern.compile("([0-9]{1,4})/([0-9]{1,4})");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,5}");

    private static final String MERGE = "INSERT INTO rate_deck_entry (deck_id, prefix, rate_per_minute, connect_fee,"
            + " first_increment, next_increment, min_duration) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (deck_id, prefix) DO UPDATE SET rate_per_minute = excluded.rate_per_minute,"
            + " connect_fee = excluded.connect_fee, first_increment = excluded.first_increment,"
            + " next_increment = excluded.next_increment, min_duration = excluded.min_duration";

    private final DataSource dataSource;
    private final Event<RateDeckChanged> changes;

    public RateDeckCsvImport(DataSource dataSource, Event<RateDeckChanged> changes) {
        this.dataSource = dataSource;
        this.changes = changes;
    }

    public enum Mode {
        MERGE,
        REPLACE;

        static Mode parse(String mode) {
            if (mode == null || mode.isBlank()) {
                return MERGE;
            }
            try {
                return valueOf(mode.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("mode: must be merge or replace, got " + shown(mode));
            }
        }
    }

    /** What an upload did. */
    public record Result(String deckId, String mode, long rows, long revision) {
    }

    @Transactional
    public Result load(String deckId, String mode, InputStream csv) {
        Mode how = Mode.parse(mode);
        if (RateDeckEntity.findById(deckId) == null) {
            throw ApiException.notFound("rate deck", deckId);
        }
        long rows;
        long revision;
        // The pool hands out the connection enlisted in this transaction, so the batches commit or roll back with it.
        try (Connection connection = dataSource.getConnection();
                BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            if (how == Mode.REPLACE) {
                try (PreparedStatement delete = connection
                        .prepareStatement("DELETE FROM rate_deck_entry WHERE deck_id = ?")) {
                    delete.setString(1, deckId);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(MERGE)) {
                rows = stream(deckId, reader, insert);
            }
            // One statement, so concurrent changes never lose a bump (as RateDeckEntity.bumpRevision).
            try (PreparedStatement bump = connection
                    .prepareStatement("UPDATE rate_deck SET revision = revision + 1 WHERE id = ? RETURNING revision")) {
                bump.setString(1, deckId);
                try (var row = bump.executeQuery()) {
                    row.next();
                    revision = row.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not load rate deck " + deckId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the CSV body: " + e.getMessage());
        }
        changes.fire(new RateDeckChanged(deckId));
        return new Result(deckId, how.name().toLowerCase(Locale.ROOT), rows, revision);
    }

    private static long stream(String deckId, BufferedReader reader, PreparedStatement insert)
            throws IOException, SQLException {
        Map<String, Integer> seen = new HashMap<>();
        // Without a header the optional fifth column may be there; a 4-column header rules it out.
        int columns = 5;
        long rows = 0;
        int pending = 0;
        int lineNumber = 0;
        boolean first = true;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].strip();
            }
            if (first) {
                first = false;
                if (fields[0].toLowerCase(Locale.ROOT).equals(COLUMNS[0])) {
                    columns = header(fields, lineNumber);
                    continue;
                }
            }
            if (fields.length < 4 || fields.length > columns) {
                throw error(lineNumber, null, "expected " + (columns == 4 ? "4" : "4 or 5") + " columns (prefix,rate,"
                        + "connect_fee,increment" + (columns == 4 ? "" : "[,min_duration]") + "), got "
                        + fields.length);
            }
            String prefix = fields[0];
            if (!PREFIX.matcher(prefix).matches()) {
                throw error(lineNumber, "prefix", "must be 1 to 20 digits, got " + shown(prefix));
            }
            Integer earlier = seen.putIfAbsent(prefix, lineNumber);
            if (earlier != null) {
                throw error(lineNumber, "prefix", prefix + " is already on line " + earlier);
            }
            BigDecimal rate = money(fields[1], lineNumber, "rate", false);
            BigDecimal fee = money(fields[2], lineNumber, "connect_fee", true);
            int firstIncrement = 60;
            int nextIncrement = 60;
            if (!fields[3].isEmpty()) {
                var m = INCREMENT.matcher(fields[3]);
                if (!m.matches() || !inRange(m.group(1), 1, 3600) || !inRange(m.group(2), 1, 3600)) {
                    throw error(lineNumber, "increment", "must be first/next seconds, each 1 to 3600 (60/60, 30/6,"
                            + " 1/1), got " + shown(fields[3]));
                }
                firstIncrement = Integer.parseInt(m.group(1));
                nextIncrement = Integer.parseInt(m.group(2));
            }
            int minDuration = 0;
            if (fields.length == 5 && !fields[4].isEmpty()) {
                if (!SECONDS.matcher(fields[4]).matches() || !inRange(fields[4], 0, 86400)) {
                    throw error(lineNumber, "min_duration", "must be 0 to 86400 seconds, got " + shown(fields[4]));
                }
                minDuration = Integer.parseInt(fields[4]);
            }
            insert.setString(1, deckId);
            insert.setString(2, prefix);
            insert.setBigDecimal(3, rate);
            insert.setBigDecimal(4, fee);
            insert.setInt(5, firstIncrement);
            insert.setInt(6, nextIncrement);
            insert.setInt(7, minDuration);
            insert.addBatch();
            rows++;
            if (++pending == BATCH) {
                insert.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            insert.executeBatch();
        }
        return rows;
    }

    private static int header(String[] fields, int lineNumber) {
        if (fields.length < 4 || fields.length > 5) {
            throw error(lineNumber, null, "the header must be prefix,rate,connect_fee,increment[,min_duration]");
        }
        for (int i = 0; i < fields.length; i++) {
            if (!fields[i].toLowerCase(Locale.ROOT).equals(COLUMNS[i])) {
                throw error(lineNumber, null, "header column " + (i + 1) + " must be " + COLUMNS[i] + ", got "
                        + shown(fields[i]));
            }
        }
        return fields.length;
    }

    private static BigDecimal money(String text, int line, String column, boolean emptyIsZero) {
        if (text.isEmpty() && emptyIsZero) {
            return BigDecimal.ZERO.setScale(Rater.CHARGE_SCALE);
        }
        if (!MONEY.matcher(text).matches()) {
            throw error(line, column, "must be a decimal of at most 6 integer and 6 fraction digits, not negative,"
                    + " got " + shown(text));
        }
        return new BigDecimal(text).setScale(Rater.CHARGE_SCALE);
    }

    private static boolean inRange(String digits, int min, int max) {
        int value = Integer.parseInt(digits);
        return value >= min && value <= max;
    }

    private static ApiException error(int line, String column, String problem) {
        return ApiException.badRequest("CSV line " + line + (column == null ? "" : ", column " + column) + ": "
                + problem + "; nothing was changed");
    }

    /** The offending value, quoted, cut short and stripped of control characters so it is safe to echo. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
