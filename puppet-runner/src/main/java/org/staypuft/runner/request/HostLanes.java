package org.staypuft.runner.request;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One lane per host: work for a host starts only when the host's previous work (puppet run or reboot, with all its
 * retries) has released the lane, in arrival order. Different hosts never wait for each other here.
 * <p>
 * The lanes also count every piece of work this replica holds (running, or queued behind the session limit or the
 * host's previous work), from {@link #enqueue} to its {@link #release}: the consumer asks {@link #awaitRoom} before
 * it takes the next command, so the backlog stays bounded (issue 11).
 */
@ApplicationScoped
public class HostLanes {

    /** Hosts with work going on, and the work queued behind it. */
    private final Map<String, ArrayDeque<Runnable>> busy = new HashMap<>();
    /** Work enqueued and not yet released; guarded by {@link #busy}. */
    private int held;

    /** Starts the work now if the host is free, else queues it. Never blocks. */
    public void enqueue(String hostId, Runnable start) {
        synchronized (busy) {
            held++;
            ArrayDeque<Runnable> queued = busy.get(hostId);
            if (queued != null) {
                queued.addLast(start);
                return;
            }
            busy.put(hostId, new ArrayDeque<>());
        }
        start.run();
    }

    /** The host's current work is done: starts the next one queued for it, if any. */
    public void release(String hostId) {
        Runnable next;
        synchronized (busy) {
            held = Math.max(0, held - 1);
            busy.notifyAll();
            ArrayDeque<Runnable> queued = busy.get(hostId);
            next = queued == null ? null : queued.pollFirst();
            if (next == null) {
                busy.remove(hostId);
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Work this replica holds: running, or queued for a session or behind its host's previous work. */
    public int held() {
        synchronized (busy) {
            return held;
        }
    }

    /**
     * Waits until this replica holds fewer than {@code capacity} pieces of work, at most {@code maxWait}.
     *
     * @return true when there is room
     */
    public boolean awaitRoom(int capacity, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (busy) {
            while (held >= capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                busy.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    public int busyHosts() {
        synchronized (busy) {
            return busy.size();
        }
    }
}
