package org.staypuft.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI reads from the world besides its arguments, injectable so that tests run it in-process.
 *
 * @param variables environment variables ({@code STAYPUFT_TOKEN}, {@code NO_COLOR})
 * @param workingDirectory where {@code .staypuft/token} is looked for first
 * @param launcherDirectory the repository the {@code ./staypuft} launcher runs from (it passes
 *        {@code -Dstaypuft.root}), whose {@code .staypuft/token} the local stack writes; null when run otherwise
 * @param homeDirectory where {@code ~/.staypuft/token} is looked for last
 * @param terminal stdout is an interactive terminal: progress is redrawn in place with ANSI sequences
 * @param stdin read by {@code deployments apply -f -}
 */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory, Path launcherDirectory,
        Path homeDirectory,
        boolean terminal, InputStream stdin, Clock clock) {

    public static CliEnvironment system() {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        String root = System.getProperty("staypuft.root");
        return new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(), root == null ? null : Path.of(root),
                Path.of(System.getProperty("user.home")), terminal, System.in, Clock.systemDefaultZone());
    }

    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
