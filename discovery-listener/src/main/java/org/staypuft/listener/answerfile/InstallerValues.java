package org.staypuft.listener.answerfile;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the client installer accepts in its answer file (see {@code client-installer/staypuft-client-installer.sh}),
 * checked here first so that a generated answer file always works with the installer as is.
 */
final class InstallerValues {

    /** The installer's {@code puppet_server} check: a host name with an optional port. */
    private static final Pattern PUPPET_SERVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}(:[0-9]{1,5})?");
    /** The installer's {@code ssh_user} check. */
    private static final Pattern SSH_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /** Answer file values are single lines the installer reads up to the line's end. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private InstallerValues() {
    }

    static boolean isPuppetServer(String value) {
        return value != null && PUPPET_SERVER.matcher(value).matches();
    }

    static boolean isSshUser(String value) {
        return value != null && SSH_USER.matcher(value).matches();
    }

    /** An absolute http(s) URL with a host, and nothing a line-based file or curl could misread. */
    static boolean isHttpUrl(String value) {
        if (value == null || value.isBlank() || CONTROL.matcher(value).find() || value.contains(" ")) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Text safe on a comment line: control characters (a newline would start a line of its own) become spaces. */
    static String oneLine(String text) {
        return CONTROL.matcher(text).replaceAll(" ");
    }
}
