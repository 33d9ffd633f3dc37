package org.staypuft.simulator;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Hands out distinct 127.x.y.z addresses: on Linux all of 127.0.0.0/8 is loopback, so every simulated host gets an
 * address of its own without any network setup. Skips .0 and .255 in the last octet.
 */
final class LoopbackAddresses {

    private int next;

    /** @param first the first address, e.g. {@code 127.1.0.1} */
    LoopbackAddresses(String first) {
        byte[] bytes = parse(first).getAddress();
        if (bytes[0] != 127) {
            throw new IllegalArgumentException("Not a loopback address: " + first);
        }
        next = ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }

    synchronized InetAddress next() {
        while ((next & 0xff) == 0 || (next & 0xff) == 0xff) {
            next++;
        }
        if (next > 0xfffffe) {
            throw new IllegalStateException("No loopback addresses left");
        }
        int value = next++;
        try {
            return InetAddress.getByAddress(new byte[]{127, (byte) (value >> 16), (byte) (value >> 8),
                    (byte) value});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress parse(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an address: " + address, e);
        }
    }
}
