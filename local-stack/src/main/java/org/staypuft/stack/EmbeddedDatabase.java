package org.staypuft.stack;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL from embedded binaries, one database per service. */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(StackLayout layout, int port, List<String> databases) throws IOException {
        return start(layout, port, databases, true);
    }

    /** @param clean wipe the data directory first; otherwise the databases of the previous start are kept */
    static EmbeddedDatabase start(StackLayout layout, int port, List<String> databases, boolean clean)
            throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(layout.postgresData())
                .setCleanDataDirectory(clean)
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String database : databases) {
                try (var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database
                        + "'")) {
                    if (exists.next()) {
                        continue; // kept from the previous start
                    }
                }
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("Cannot create the services' databases", e);
        }
        return new EmbeddedDatabase(postgres);
    }

    String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
