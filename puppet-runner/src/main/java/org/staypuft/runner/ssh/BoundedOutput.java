package org.staypuft.runner.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes of a file read over SSH and notes whether there was more. */
public final class BoundedOutput extends OutputStream {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private boolean overflow;

    public BoundedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < limit) {
            kept.write(b);
        } else {
            overflow = true;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int room = Math.max(0, limit - kept.size());
        kept.write(bytes, offset, Math.min(room, length));
        if (length > room) {
            overflow = true;
        }
    }

    public synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    public synchronized boolean overflow() {
        return overflow;
    }
}
