package org.staypuft.listener.facts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A 48-bit MAC address in the one form we store and publish: lower-case, colon separated
 * ({@code e4:1f:13:cc:36:58}). Accepts what facter and people write: colons, dashes or bare hex, any case.
 */
public record MacAddress(String value) {

    private static final Pattern SEPARATED = Pattern.compile("[0-9a-f]{2}([:-])[0-9a-f]{2}(\\1[0-9a-f]{2}){4}");
    private static final Pattern BARE = Pattern.compile("[0-9a-f]{12}");

    public MacAddress {
        if (value == null || !value.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw new IllegalArgumentException("not a normalised MAC address: " + value);
        }
    }

    /** @return the address, or null when {@code text} is not a 48-bit MAC address */
    public static MacAddress parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String candidate = text.strip().toLowerCase(Locale.ROOT);
        if (SEPARATED.matcher(candidate).matches()) {
            return new MacAddress(candidate.replace('-', ':'));
        }
        if (BARE.matcher(candidate).matches()) {
            return new MacAddress(candidate.replaceAll("(..)(?!$)", "$1:"));
        }
        return null;
    }

    /**
     * Why this address cannot name one host's NIC, or null when it can: the all-zero address, the broadcast address
     * and group (multicast) addresses, whose first octet is odd, are never a host's own.
     */
    public String whyNotAHost() {
        if (value.equals("00:00:00:00:00:00")) {
            return "the all-zero address";
        }
        if (value.equals("ff:ff:ff:ff:ff:ff")) {
            return "the broadcast address";
        }
        if ((Integer.parseInt(value.substring(0, 2), 16) & 1) == 1) {
            return "a multicast (group) address: its first octet is odd";
        }
        return null;
    }

    /** The twelve hex digits without separators, as Foreman puts them in discovered host names. */
    public String hexDigits() {
        return value.replace(":", "");
    }

    @Override
    public String toString() {
        return value;
    }
}
