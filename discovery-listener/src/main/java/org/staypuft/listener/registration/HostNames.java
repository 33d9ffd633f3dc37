package org.staypuft.listener.registration;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, each at most 63 characters,
 * 253 in all. Host names end up in puppet certificates, SSH commands and templates; anything else is refused.
 */
final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private HostNames() {
    }

    /** @return the name in lower case, or null when it is not a valid host name */
    static String normalizeOrNull(String name) {
        if (name == null || name.isEmpty() || name.length() > 253) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String label : lower.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return lower;
    }
}
