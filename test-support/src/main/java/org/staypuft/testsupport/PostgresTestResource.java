package org.staypuft.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 from embedded binaries, one server per JVM and a fresh database per Quarkus application.
 * <p>
 * {@code -Dstaypuft.test.jdbc.url=jdbc:postgresql://host:port/db} (with {@code staypuft.test.jdbc.username} and
 * {@code staypuft.test.jdbc.password}) points the tests at an external database instead.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXTERNAL_URL = "staypuft.test.jdbc.url";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        String external = System.getProperty(EXTERNAL_URL);
        if (external != null && !external.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", external,
                    "quarkus.datasource.username", System.getProperty("staypuft.test.jdbc.username", "postgres"),
                    "quarkus.datasource.password", System.getProperty("staypuft.test.jdbc.password", "postgres"));
        }
        String database = "staypuft_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        EmbeddedPostgres server = server();
        createDatabase(server, database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.getJdbcUrl("postgres", database),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** The embedded server, started on first use and stopped with the JVM. */
    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestResource::closeQuietly, "postgres-test-stop"));
        }
        return postgres;
    }

    private static void createDatabase(EmbeddedPostgres server, String database) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    @Override
    public void stop() {
        // Kept for the JVM's lifetime; each application gets its own database.
    }

    private static synchronized void closeQuietly() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // shutting down anyway
            }
            postgres = null;
        }
    }
}
