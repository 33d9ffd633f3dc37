package org.staypuft.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Host ids as Staypuft names hosts ({@code mac} and the boot NIC's MAC without colons) for tests that need new ones.
 * The MAC is a locally administered unicast address ({@code 02:...}): the listener refuses a multicast MAC (an odd first
 * octet) as "not a host's NIC", so a random first octet would make half the hosts invalid.
 */
public final class TestHostIds {

    private TestHostIds() {
    }

    /** A fresh host id such as {@code mac02a1b2c3d4e5}. */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("mac02");
        for (int i = 0; i < 5; i++) {
            id.append(String.format("%02x", random.nextInt(256)));
        }
        return id.toString();
    }
}
