package io.pbxhub.testsupport.fusionpbx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.pbxhub.testsupport.postgres.PostgresServer;

/**
 * A scratch PostgreSQL database with the real FusionPBX schema, standing in for a PBX's database: tests fill it with
 * domains, users, extensions and CDRs and point the services at it as they would at a production FusionPBX.
 */
public final class FusionPbxDatabase {

    private final PostgresServer server;
    private final String name;

    private FusionPbxDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Drops and recreates {@code name} with the FusionPBX schema (no rows). */
    public static FusionPbxDatabase create(String name) {
        PostgresServer server = PostgresServer.locate();
        server.freshDatabase(name);
        FusionPbxDatabase db = new FusionPbxDatabase(server, name);
        db.execute(resource("/fusionpbx/schema.sql"));
        db.execute(resource("/fusionpbx/schema_related.sql"));
        return db;
    }

    public String name() {
        return name;
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** Adds an enabled domain and returns its uuid. */
    public UUID addDomain(String domainName) {
        UUID id = UUID.randomUUID();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("insert into v_domains (domain_uuid, domain_name,"
                        + " domain_enabled, insert_date) values (?, ?, true, now())")) {
            ps.setObject(1, id);
            ps.setString(2, domainName);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not add domain " + domainName, e);
        }
        return id;
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("FusionPBX fixture SQL failed on " + name, e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = FusionPbxDatabase.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
