package org.staypuft.registry.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Checks for values that end up in shell scripts, kickstarts, URLs and Puppet's classification. Each admits only
 * characters a shell passes through literally inside single quotes, so a template cannot be made to run something
 * else by a crafted fact or setting.
 *
 * @throws IllegalArgumentException (every method) with a sentence naming what is wrong
 */
public final class SafeValues {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern PUPPET_CLASS = Pattern.compile("[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*");
    private static final Pattern IPV4 = Pattern
            .compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** RFC 3986 unreserved and the delimiters a base URL needs; no quotes, spaces, {@code $ ` \ ; & |}. */
    private static final Pattern URL_CHARS = Pattern.compile("[A-Za-z0-9._~:/\\[\\]%-]+");

    private SafeValues() {
    }

    /** An RFC 1123 host name (letters, digits, hyphens; dot-separated labels; at most 253 characters). */
    public static String hostName(String value) {
        if (value == null || value.isEmpty() || value.length() > 253) {
            throw new IllegalArgumentException("'" + value + "' is not an RFC 1123 host name");
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + value + "' is not an RFC 1123 host name");
            }
        }
        return value;
    }

    /** A host name or IPv4 address, optionally with {@code :port}. */
    public static String hostAndPort(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no host given");
        }
        int colon = value.lastIndexOf(':');
        if (colon > 0) {
            String port = value.substring(colon + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("'" + value + "' has no valid port after its ':'");
            }
            hostName(value.substring(0, colon));
        } else {
            hostName(value);
        }
        return value;
    }

    /** A POSIX user name as useradd accepts it by default. */
    public static String userName(String value) {
        if (value == null || !USER.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a user name (lower-case letters, digits, _ "
                    + "and -, starting with a letter or _)");
        }
        return value;
    }

    /** A Puppet class name, e.g. {@code openstack::controller}. */
    public static String puppetClass(String value) {
        if (value == null || !PUPPET_CLASS.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a Puppet class name");
        }
        return value;
    }

    public static boolean isIpv4(String value) {
        return value != null && IPV4.matcher(value).matches();
    }

    /** Loosely: hex digits, colons and (for an embedded IPv4) dots, with at least two colons. */
    public static boolean isIpv6(String value) {
        return value != null && IPV6.matcher(value).matches() && value.chars().filter(c -> c == ':').count() >= 2;
    }

    /**
     * An http(s) URL with a host and no user, query or fragment, made of plain characters.
     *
     * @return the URL without trailing slashes, ready to have paths appended
     */
    public static String baseUrl(String value) {
        if (value == null || !URL_CHARS.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a plain http(s) URL");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + value + "' must be http(s)://host[:port][/path] without user, "
                    + "query or fragment");
        }
        return value.replaceAll("/+$", "");
    }
}
