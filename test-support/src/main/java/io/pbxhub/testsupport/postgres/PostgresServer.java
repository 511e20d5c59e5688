package io.pbxhub.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Finds a real PostgreSQL server for tests and the local run, in this order: the JDBC URL in {@code PBXHUB_TEST_PG_URL}
 * (user/password from {@code PBXHUB_TEST_PG_USER}/{@code PBXHUB_TEST_PG_PASSWORD}); the local server on 127.0.0.1:5432;
 * else an embedded PostgreSQL 16 started for this JVM. Never an in-memory substitute.
 */
public final class PostgresServer {

    public static final String URL_ENV = "PBXHUB_TEST_PG_URL";
    public static final String USER_ENV = "PBXHUB_TEST_PG_USER";
    public static final String PASSWORD_ENV = "PBXHUB_TEST_PG_PASSWORD";

    private static final Logger LOG = Logger.getLogger(PostgresServer.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static PostgresServer located;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private PostgresServer(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** The server for this JVM, located once. */
    public static synchronized PostgresServer locate() {
        if (located == null) {
            located = doLocate();
        }
        return located;
    }

    private static PostgresServer doLocate() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            var parsed = java.net.URI.create(url.substring("jdbc:".length()));
            int port = parsed.getPort() < 0 ? 5432 : parsed.getPort();
            LOG.infof("PostgreSQL for tests: %s (from %s)", parsed.getHost() + ":" + port, URL_ENV);
            return new PostgresServer(parsed.getHost(), port, envOr(USER_ENV, "postgres"), envOr(PASSWORD_ENV, ""),
                    null);
        }
        if (answers("127.0.0.1", 5432)) {
            LOG.info("PostgreSQL for tests: the local server on 127.0.0.1:5432");
            return new PostgresServer("127.0.0.1", 5432, envOr(USER_ENV, "postgres"), envOr(PASSWORD_ENV, ""), null);
        }
        return startEmbedded();
    }

    /** Starts an embedded PostgreSQL 16 for this JVM (stopped when the JVM exits). */
    public static PostgresServer startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg)));
            LOG.infof("PostgreSQL for tests: embedded server on port %d", pg.getPort());
            return new PostgresServer("127.0.0.1", pg.getPort(), "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL found and the embedded one did not start", e);
        }
    }

    /** Creates {@code database} if it does not exist and returns its JDBC URL. */
    public String database(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = connect("postgres");
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("create database " + database);
                    }
                }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently by another JVM: fine
                throw new IllegalStateException("could not create database " + database, e);
            }
        }
        return jdbcUrl(database);
    }

    /** Drops and recreates {@code database}: for tests that need an empty schema. */
    public String freshDatabase(String database) {
        database(database);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not recreate database " + database, e);
        }
        return jdbcUrl(database);
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean embedded() {
        return embedded != null;
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException ignored) {
            // shutting down anyway
        }
    }
}
