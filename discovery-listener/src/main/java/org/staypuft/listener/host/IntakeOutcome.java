package org.staypuft.listener.host;

import java.util.Locale;

/** What an upload or registration did. */
public enum IntakeOutcome {

    /** A host we did not know (or knew as the other kind): its arrival event was published. */
    CREATED,
    /**
     * A known host sent different content: a facts-updated event was published, or for a registration the
     * registered event again.
     */
    UPDATED,
    /** A known host sent the same content again: nothing was published or changed. */
    UNCHANGED,
    /**
     * An unauthenticated upload claimed another identity for a host whose identity is protected: nothing changed,
     * {@code host.identity-conflict} was published.
     */
    CONFLICT;

    /** Lower-case, for metric tags and answers. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
