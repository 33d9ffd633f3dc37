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
 * {@code staypuft.test.jdbc.password}) points the tests at an external database instead;
 * {@code -Dstaypuft.test.postgres.process=true} makes the server a {@link PostgresProcess} (killable and
 * restartable on the same port and data, for the end-to-end fault scenarios).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String EXTERNAL_URL = "staypuft.test.jdbc.url";
    /** {@code true}: the server is a {@link PostgresProcess} (a child process, killable and restartable). */
    public static final String AS_PROCESS = "staypuft.test.postgres.process";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres postgres;
    private static PostgresProcess process;

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
        if (Boolean.getBoolean(AS_PROCESS)) {
            PostgresProcess server = serverProcess();
            server.createDatabase(database);
            return Map.of(
                    "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                    "quarkus.datasource.username", PostgresProcess.USER,
                    "quarkus.datasource.password", PostgresProcess.USER);
        }
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

    /** The server process, when the tests asked for one ({@link #AS_PROCESS}); started on first use. */
    public static synchronized PostgresProcess serverProcess() {
        if (!Boolean.getBoolean(AS_PROCESS)) {
            throw new IllegalStateException("the test PostgreSQL is not a process: set -D" + AS_PROCESS + "=true");
        }
        if (process == null) {
            try {
                process = PostgresProcess.start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the PostgreSQL process", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(process::close, "postgres-process-stop"));
        }
        return process;
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
