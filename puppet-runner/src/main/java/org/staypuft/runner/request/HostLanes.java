package org.staypuft.runner.request;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One lane per host: work for a host starts only when the host's previous work (puppet run or reboot, with all its
 * retries) has released the lane, in arrival order. Different hosts never wait for each other here.
 */
@ApplicationScoped
public class HostLanes {

    /** Hosts with work going on, and the work queued behind it. */
    private final Map<String, ArrayDeque<Runnable>> busy = new HashMap<>();

    /** Starts the work now if the host is free, else queues it. Never blocks. */
    public void enqueue(String hostId, Runnable start) {
        synchronized (busy) {
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

    public int busyHosts() {
        synchronized (busy) {
            return busy.size();
        }
    }
}
