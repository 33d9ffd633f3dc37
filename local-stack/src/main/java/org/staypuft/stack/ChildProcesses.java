package org.staypuft.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes the stack starts. Each is recorded in a pid file so that a stack killed without a chance to clean
 * up (SIGKILL, a closed terminal) has its orphans stopped at the next start.
 */
final class ChildProcesses {

    // Outside the "staypuft" prefix: the services validate every property under it against their config mappings.
    private static final String STACK_MARKER = "-Dlocal-stack.member=staypuft";

    private final StackLayout layout;
    private final List<Process> started = new ArrayList<>();
    private final java.util.Map<String, List<String>> commands = new java.util.HashMap<>();
    private final java.util.Map<String, Process> byComponent = new java.util.HashMap<>();

    ChildProcesses(StackLayout layout) {
        this.layout = layout;
    }

    /** Starts a JVM; its output goes to the component's log file. */
    synchronized Process startJava(String component, List<String> jvmArguments, List<String> programArguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add(STACK_MARKER);
        command.addAll(jvmArguments);
        command.addAll(programArguments);
        commands.put(component, command);
        return launch(component, command);
    }

    /** Starts a component again with the command it was last started with (the supervisor's restart). */
    synchronized Process restart(String component) throws IOException {
        List<String> command = commands.get(component);
        if (command == null) {
            throw new IllegalStateException("never started: " + component);
        }
        Process previous = byComponent.get(component);
        if (previous != null) {
            started.remove(previous);
        }
        return launch(component, command);
    }

    private Process launch(String component, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(layout.repositoryRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(component).toFile()))
                .start();
        started.add(process);
        byComponent.put(component, process);
        Files.writeString(layout.pids().resolve(component + ".pid"), Long.toString(process.pid()));
        return process;
    }

    /** The component's current process, if it was started. */
    synchronized Optional<Process> process(String component) {
        return Optional.ofNullable(byComponent.get(component));
    }

    /** Runs a JVM to completion (e.g. formatting Kafka's storage) and fails when it fails. */
    void runJava(String component, List<String> jvmArguments, List<String> programArguments)
            throws IOException, InterruptedException {
        Process process = startJava(component, jvmArguments, programArguments);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(component + " failed, see " + layout.log(component));
        }
        started.remove(process);
    }

    /** Stops what this stack started: politely first (services flush and leave their consumer groups). */
    synchronized void stopAll() {
        List<Process> reversed = new ArrayList<>(started);
        java.util.Collections.reverse(reversed);
        reversed.forEach(Process::destroy);
        for (Process process : reversed) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }

    /** Kills processes a previous stack left behind, recognised by the marker on their command line. */
    void killLeftovers() throws IOException {
        if (!Files.isDirectory(layout.pids())) {
            return;
        }
        try (Stream<Path> pidFiles = Files.list(layout.pids())) {
            for (Path pidFile : pidFiles.toList()) {
                leftover(pidFile).ifPresent(process -> {
                    System.out.printf("Stopping leftover %s (pid %d)%n", pidFile.getFileName(), process.pid());
                    process.destroyForcibly();
                    process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
                });
                Files.delete(pidFile);
            }
        }
    }

    private static Optional<ProcessHandle> leftover(Path pidFile) throws IOException {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().arguments().map(List::of)
                        .map(arguments -> arguments.contains(STACK_MARKER)).orElse(false));
    }
}
