package org.staypuft.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a service's PostgreSQL database unreachable for it, for real: no connection is allowed to the database any
 * more and the open ones are terminated, as when the server goes away; {@link #close()} lets it connect again. The
 * server itself stays up, so the other tests' databases on it are not touched.
 */
public final class DatabaseOutage implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$");

    private final String adminUrl;
    private final String database;
    private final String user;
    private final String password;

    private DatabaseOutage(String adminUrl, String database, String user, String password) {
        this.adminUrl = adminUrl;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /**
     * Begins the outage of the database a service reaches at {@code jdbcUrl}.
     *
     * @param user a superuser of that server (the tests' services connect as one)
     */
    public static DatabaseOutage begin(String jdbcUrl, String user, String password) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL with a database: " + jdbcUrl);
        }
        DatabaseOutage outage = new DatabaseOutage(matcher.group(1) + "postgres" + matcher.group(3),
                matcher.group(2), user, password);
        outage.execute("ALTER DATABASE \"" + outage.database + "\" WITH ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + outage.database
                        + "' AND pid <> pg_backend_pid()");
        return outage;
    }

    /** Ends the outage: the service's pool may connect again. */
    @Override
    public void close() {
        execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS true");
    }

    private void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not change the availability of database " + database, e);
        }
    }
}
