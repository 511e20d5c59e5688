package io.pbxhub.testsupport.postgres;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} its own real PostgreSQL database (see {@link PostgresServer} for where the server comes
 * from). The database name is the init arg {@code database}, default {@code pbxhub_test}; it is dropped and created
 * afresh once per test JVM.
 * Flyway then migrates it as in production.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final Set<String> FRESH = new HashSet<>();

    private String database = "pbxhub_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        if (Boolean.getBoolean(KafkaBrokerResource.DEVSERVICES_PROPERTY)) {
            return Map.of(); // Dev Services (Testcontainers) provide PostgreSQL
        }
        PostgresServer server = PostgresServer.locate();
        return Map.of("quarkus.datasource.jdbc.url", freshOncePerJvm(server, database), "quarkus.datasource.username",
                server.user(), "quarkus.datasource.password", server.password());
    }

    /** Each test run starts from an empty database; later restarts of Quarkus in the same run keep its data. */
    private static synchronized String freshOncePerJvm(PostgresServer server, String database) {
        if (FRESH.add(database)) {
            return server.freshDatabase(database);
        }
        return server.jdbcUrl(database);
    }

    @Override
    public void stop() {
        // The server outlives the test class; databases are kept so a failed run can be inspected.
    }
}
