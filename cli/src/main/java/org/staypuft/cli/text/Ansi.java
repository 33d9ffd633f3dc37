package org.staypuft.cli.text;

/** The few ANSI sequences the live progress uses: colours (unless NO_COLOR) and redrawing lines in place. */
public final class Ansi {

    private static final String ESC = "\u001B[";

    private final boolean colours;

    public Ansi(boolean colours) {
        this.colours = colours;
    }

    /** Moves the cursor up {@code lines} lines and clears from there to the end of the screen. */
    public static String rewind(int lines) {
        return lines <= 0 ? "\r" + ESC + "J" : "\r" + ESC + lines + "A" + ESC + "J";
    }

    /** A run, role or host status in its colour: green done, red failed, yellow in progress. */
    public String status(String status) {
        if (!colours || status == null) {
            return status == null ? "" : status;
        }
        String colour = switch (status) {
            case "READY", "COMPLETED", "SUCCEEDED" -> "32";
            case "FAILED", "BLOCKED", "CANCELLED" -> "31";
            case "RUNNING", "CANCELLING" -> "33";
            case "PAUSED" -> "35";
            default -> null;
        };
        return colour == null ? status : ESC + colour + "m" + status + ESC + "0m";
    }

    /** The text cut to {@code width} visible characters; colour sequences do not count, and are reset if cut. */
    public static String fit(String text, int width) {
        StringBuilder fitted = new StringBuilder();
        int visible = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u001B') {
                int end = text.indexOf('m', i);
                if (end > 0) {
                    fitted.append(text, i, end + 1);
                    i = end;
                    continue;
                }
            }
            if (visible == width) {
                return fitted + ESC + "0m";
            }
            fitted.append(c);
            visible++;
        }
        return fitted.toString();
    }

    public String red(String text) {
        return colours ? ESC + "31m" + text + ESC + "0m" : text;
    }

    public String bold(String text) {
        return colours ? ESC + "1m" + text + ESC + "0m" : text;
    }
}
