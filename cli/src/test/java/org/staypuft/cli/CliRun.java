package org.staypuft.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;

/** Runs the CLI in-process as a user would from a shell: arguments in; exit code, stdout and stderr out. */
final class CliRun {

    /** What one invocation printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    static final Instant NOW = Instant.parse("2026-03-02T10:05:00Z");

    private final Path directory;
    private final Map<String, String> variables = new HashMap<>();
    private boolean terminal;
    private String stdin = "";
    private Path launcherDirectory;

    CliRun(Path directory) {
        this.directory = directory;
    }

    CliRun variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** Stdout is a terminal this wide. */
    CliRun terminal(int columns) {
        this.terminal = true;
        variables.put("COLUMNS", Integer.toString(columns));
        return this;
    }

    CliRun launchedFrom(Path repository) {
        this.launcherDirectory = repository;
        return this;
    }

    CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    Path home() {
        return directory.resolve("home");
    }

    /** Points the services at the test server, with a token so that the calls are authenticated. */
    Result against(ApiServer server, String... args) {
        List<String> all = new ArrayList<>(List.of("--orchestrator-url", server.url(), "--registry-url",
                server.url(), "--listener-url", server.url(), "--runner-url", server.url(), "--webhooks-url",
                server.url(),
                "--token", "test-token"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    Result run(String... args) {
        try {
            Files.createDirectories(home());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        CliEnvironment environment = new CliEnvironment(Map.copyOf(variables), directory, launcherDirectory, home(),
                terminal, in,
                Clock.fixed(NOW, ZoneOffset.UTC));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new StaypuftCli(environment)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    static String resource(String name) {
        try (InputStream in = CliRun.class.getResourceAsStream("/api-responses/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
