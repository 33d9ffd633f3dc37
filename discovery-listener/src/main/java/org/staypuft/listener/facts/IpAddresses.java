package org.staypuft.listener.facts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Strict checks of IP address literals; never resolves names. */
public final class IpAddresses {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** Starts with a hex digit or ':' so that the JDK takes it for a literal, never for a name to look up. */
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    private IpAddresses() {
    }

    public static boolean isIpv4(String text) {
        return text != null && IPV4.matcher(text).matches();
    }

    /** An IPv6 literal without zone index or brackets (an embedded dotted IPv4 tail is fine). */
    public static boolean isIpv6(String text) {
        if (text == null || text.length() > 45 || !text.contains(":") || !IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** fe80::/10: only meaningful on one link, useless as a host's address. */
    public static boolean isLinkLocalIpv6(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("fe8") || lower.startsWith("fe9") || lower.startsWith("fea")
                || lower.startsWith("feb");
    }
}
