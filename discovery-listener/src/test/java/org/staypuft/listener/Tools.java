package org.staypuft.listener;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Command line tools the tests run (installed in CI by {@code .ci/install-packages}). In CI ({@code CI=true}) a
 * missing tool fails the test; elsewhere the test is skipped.
 */
final class Tools {

    private Tools() {
    }

    static void require(String tool) {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, tool)));
        if (found) {
            return;
        }
        String message = tool + " is not installed (.ci/install-packages installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }
}
