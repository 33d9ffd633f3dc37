package org.staypuft.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * SSH sessions as the hosts see them, across all hosts of a simulator: how many are open now, the most that were
 * open at once, and how many there were. A session counts from the accepted connection until the server has
 * handled its close.
 */
public final class SessionStats implements SessionListener {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();

    @Override
    public void sessionCreated(Session session) {
        int now = open.incrementAndGet();
        total.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
    }

    @Override
    public void sessionClosed(Session session) {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }

    public int maxOpen() {
        return maxOpen.get();
    }

    public long total() {
        return total.get();
    }

    /** Starts a new measurement: the maximum restarts from the sessions open now. */
    public void reset() {
        maxOpen.set(open.get());
        total.set(0);
    }
}
