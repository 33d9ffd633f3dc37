package org.staypuft.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the stack's processes running, as Kubernetes would (issue 11): a broker or service that exits while the stack
 * is up is started again with the same command, after a back-off that doubles from 1 s to 30 s (reset once it stayed
 * up for a minute), and the console says so. Each part's state ({@code up}, {@code restarting}, {@code down}) and
 * since when are written to {@code .staypuft/status/<part>}, which {@code ./staypuft status} prints.
 */
final class Supervisor {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final StackLayout layout;
    private final ChildProcesses processes;
    private final Map<String, Duration> backoffs = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    Supervisor(StackLayout layout, ChildProcesses processes) {
        this.layout = layout;
        this.processes = processes;
    }

    /** Watches a running part; when it exits, restarts it. */
    void watch(String part, Process process) {
        status(part, "up", process.pid());
        Instant started = Instant.now();
        process.onExit().thenRun(() -> onExit(part, process, started));
    }

    /** A part that runs inside the stack's own JVM (the embedded PostgreSQL): only its state is reported. */
    void inProcess(String part) {
        status(part, "up", ProcessHandle.current().pid());
    }

    private void onExit(String part, Process process, Instant started) {
        if (stopping) {
            status(part, "down", process.pid());
            return;
        }
        Duration backoff = Duration.between(started, Instant.now()).compareTo(STABLE) > 0
                ? FIRST_BACKOFF
                : backoffs.getOrDefault(part, FIRST_BACKOFF);
        backoffs.put(part, min(backoff.multipliedBy(2), MAX_BACKOFF));
        status(part, "restarting", process.pid());
        System.out.printf("%s %s exited (%d); restarting it in %d s (log: %s)%n", now(), part, process.exitValue(),
                backoff.toSeconds(), layout.log(part));
        try {
            Thread.sleep(backoff.toMillis());
            if (stopping) {
                return;
            }
            Process again = processes.restart(part);
            System.out.printf("%s %s started again (pid %d)%n", now(), part, again.pid());
            watch(part, again);
        } catch (IOException | RuntimeException e) {
            System.out.printf("%s %s could not be restarted: %s; trying again%n", now(), part, e.getMessage());
            onExit(part, process, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The stack is stopping: exits are no longer restarted. */
    void stop() {
        stopping = true;
    }

    private void status(String part, String state, long pid) {
        try {
            Path directory = Files.createDirectories(layout.stateDirectory().resolve("status"));
            Files.writeString(directory.resolve(part), String.format("%-12s since %s (pid %d)%n", state,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), pid));
        } catch (IOException e) {
            System.err.println("Cannot record the state of " + part + ": " + e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String now() {
        return "[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "]";
    }
}
