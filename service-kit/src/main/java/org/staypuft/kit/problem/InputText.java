package org.staypuft.kit.problem;

/**
 * The one rule for text a client sends (JSON strings, path and query parameters): no NUL and no control characters.
 * PostgreSQL refuses NUL in text, and control characters in names, descriptions or ids only hide what is there. In
 * JSON strings tab, line feed and carriage return are allowed (multi-line descriptions, pasted keys); in parameters,
 * which end up in URLs, names and log lines, nothing below U+0020.
 */
public final class InputText {

    private InputText() {
    }

    /** @return the first refused character of a JSON string value, or -1 when there is none */
    public static int refusedInValue(String text) {
        return firstRefused(text, true);
    }

    /** @return the first refused character of a path or query parameter or a JSON field name, or -1 */
    public static int refusedInName(String text) {
        return firstRefused(text, false);
    }

    /** @throws ProblemException 400 naming {@code field} when {@code text} holds a refused character */
    public static void checkValue(String field, String text) {
        int refused = refusedInValue(text);
        if (refused >= 0) {
            throw ProblemException.invalid(field, describe(field, refused));
        }
    }

    public static void checkName(String field, String text) {
        int refused = refusedInName(text);
        if (refused >= 0) {
            throw ProblemException.invalid(field, describe(field, refused));
        }
    }

    /** "field must not contain control characters (U+0000 found)". */
    public static String describe(String field, int refused) {
        return (field == null || field.isEmpty() ? "the value" : field)
                + " must not contain NUL or control characters (" + String.format("U+%04X", refused) + " found)";
    }

    private static int firstRefused(String text, boolean whitespaceAllowed) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (whitespaceAllowed && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return c;
            }
            if (c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                return c;
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return c;
                }
                i++;
            }
        }
        return -1;
    }
}
