package org.staypuft.cli.text;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's width, so that redrawn lines never wrap (a wrapped line breaks redrawing in place): $COLUMNS when
 * the shell exports it, else what {@code stty size} says of the terminal, else 80.
 */
public final class TerminalWidth {

    static final int FALLBACK = 80;

    private TerminalWidth() {
    }

    public static int of(Map<String, String> variables) {
        Integer columns = positive(variables.get("COLUMNS"));
        if (columns != null) {
            return columns;
        }
        columns = stty();
        return columns != null ? columns : FALLBACK;
    }

    private static Integer stty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return null;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(1, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return null;
            }
            String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip()
                    .split("\\s+");
            return size.length == 2 ? positive(size[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Integer positive(String value) {
        try {
            int number = Integer.parseInt(value == null ? "" : value.strip());
            return number > 0 ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
