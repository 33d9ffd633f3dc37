package org.staypuft.cli.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.staypuft.cli.CliEnvironment;

/**
 * The JWT sent as {@code Authorization: Bearer}, and where it came from, so that a refusal can say which token was
 * refused.
 */
public record BearerToken(String value, String source) {

    public static final String VARIABLE = "STAYPUFT_TOKEN";
    static final Path FILE = Path.of(".staypuft", "token");

    /**
     * {@code --token}, else {@code $STAYPUFT_TOKEN}, else {@code .staypuft/token} under the working directory (the
     * local stack writes a fresh operator token there), else under the repository of the {@code ./staypuft}
     * launcher, else {@code ~/.staypuft/token}.
     */
    public static Optional<BearerToken> resolve(String option, CliEnvironment environment) {
        if (option != null && !option.isBlank()) {
            return Optional.of(new BearerToken(option.strip(), "--token"));
        }
        Optional<String> variable = environment.variable(VARIABLE);
        if (variable.isPresent()) {
            return Optional.of(new BearerToken(variable.get().strip(), "$" + VARIABLE));
        }
        return fromFile(environment.workingDirectory().resolve(FILE))
                .or(() -> environment.launcherDirectory() == null
                        ? Optional.empty()
                        : fromFile(environment.launcherDirectory().resolve(FILE)))
                .or(() -> fromFile(environment.homeDirectory().resolve(FILE)));
    }

    private static Optional<BearerToken> fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String value = Files.readString(file).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(new BearerToken(value, file.toString()));
        } catch (IOException e) {
            return Optional.empty(); // unreadable: as if absent; a 401 then explains how to get a token
        }
    }
}
