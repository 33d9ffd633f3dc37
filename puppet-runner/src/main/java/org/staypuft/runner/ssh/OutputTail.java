package org.staypuft.runner.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code capacity} bytes written (stdout and stderr interleaved as they arrive): puppet's last lines
 * say what went wrong, and events must stay small.
 */
public final class OutputTail extends OutputStream {

    private final byte[] ring;
    private long written;

    public OutputTail(int capacity) {
        this.ring = new byte[Math.max(1, capacity)];
    }

    @Override
    public synchronized void write(int b) {
        ring[(int) (written++ % ring.length)] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ % ring.length)] = bytes[offset + i];
        }
    }

    /** The kept bytes as text, starting at a line boundary when the start was cut off. */
    public synchronized String text() {
        int size = (int) Math.min(written, ring.length);
        byte[] tail = new byte[size];
        int start = (int) ((written - size) % ring.length);
        for (int i = 0; i < size; i++) {
            tail[i] = ring[(start + i) % ring.length];
        }
        String text = new String(tail, StandardCharsets.UTF_8);
        if (written > ring.length) {
            int newline = text.indexOf('\n');
            if (newline >= 0 && newline < text.length() - 1) {
                text = text.substring(newline + 1);
            }
        }
        return text;
    }

    public synchronized boolean truncated() {
        return written > ring.length;
    }
}
