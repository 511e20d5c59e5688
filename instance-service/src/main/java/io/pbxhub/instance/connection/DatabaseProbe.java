package io.pbxhub.instance.connection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import io.pbxhub.instance.connection.ProbeResult.Outcome;

/**
 * Connects to a FusionPBX database and runs a read query on its schema ({@code count(*) from v_domains}), within a
 * time limit. Opens a plain connection, not a pool: a probe must see the network as a new client would.
 */
final class DatabaseProbe {

    private DatabaseProbe() {
    }

    static ProbeResult probe(ProbeTarget t, Duration timeout) {
        long started = System.nanoTime();
        if (t.dbHost() == null || t.dbName() == null) {
            return ProbeResult.failed(Outcome.NOT_CONFIGURED, "no database connection configured", started);
        }
        int seconds = (int) Math.max(1, timeout.toSeconds());
        boolean postgres = t.dbType() == null || "postgresql".equals(t.dbType());
        String url = postgres
                ? "jdbc:postgresql://" + t.dbHost() + ":" + t.dbPort() + "/" + t.dbName()
                : "jdbc:mariadb://" + t.dbHost() + ":" + t.dbPort() + "/" + t.dbName();
        Properties props = new Properties();
        props.setProperty("user", t.dbUsername() == null ? "" : t.dbUsername());
        props.setProperty("password", t.dbPassword() == null ? "" : t.dbPassword());
        if (postgres) {
            props.setProperty("connectTimeout", String.valueOf(seconds));
            props.setProperty("socketTimeout", String.valueOf(seconds));
            props.setProperty("loginTimeout", String.valueOf(seconds));
            props.setProperty("ApplicationName", "pbxhub-connection-test");
        } else {
            props.setProperty("connectTimeout", String.valueOf(seconds * 1000));
            props.setProperty("socketTimeout", String.valueOf(seconds * 1000));
        }
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.setQueryTimeout(seconds);
            try (ResultSet rs = s.executeQuery("select count(*) from v_domains")) {
                rs.next();
                long domains = rs.getLong(1);
                return ProbeResult.ok("connected; FusionPBX schema found with " + domains + " domain(s)", started);
            }
        } catch (SQLException e) {
            Outcome network = NetworkFailures.classify(e);
            if (network != null) {
                return ProbeResult.failed(network, NetworkFailures.describe(network, t.dbHost(), t.dbPort()),
                        started);
            }
            return classify(e, t, started);
        }
    }

    private static ProbeResult classify(SQLException e, ProbeTarget t, long started) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        if (state.startsWith("28") || code == 1045) {
            return ProbeResult.failed(Outcome.BAD_CREDENTIALS,
                    "the database refused user '" + t.dbUsername() + "': check the user name and password", started);
        }
        if (state.equals("3D000") || code == 1049) {
            return ProbeResult.failed(Outcome.DATABASE_MISSING,
                    "database '" + t.dbName() + "' does not exist on " + t.dbHost(), started);
        }
        if (state.equals("42P01") || code == 1146) {
            return ProbeResult.failed(Outcome.SCHEMA_MISSING,
                    "connected, but v_domains is missing: is this a FusionPBX database?", started);
        }
        if (state.equals("57014") || state.startsWith("08") && String.valueOf(e.getMessage()).contains("timed out")) {
            return ProbeResult.failed(Outcome.TIMEOUT, "the database did not answer in time", started);
        }
        if (state.equals("42501") || code == 1142) {
            return ProbeResult.failed(Outcome.BAD_CREDENTIALS,
                    "user '" + t.dbUsername() + "' may not read the FusionPBX schema (grant SELECT)", started);
        }
        return ProbeResult.failed(Outcome.PROTOCOL_ERROR, "database error " + state + ": " + e.getMessage(), started);
    }
}
