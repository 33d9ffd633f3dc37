package org.staypuft.kit.inbox;

import org.staypuft.events.EventEnvelope;

/** Applies one event; runs inside the transaction that also records the event as processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope event);
}
