package org.staypuft.listener.host;

import org.staypuft.events.host.HostSnapshot;

/**
 * The host as we now know it and what the intake did.
 *
 * @param conflict why nothing changed, for {@link IntakeOutcome#CONFLICT}; null otherwise
 */
public record IntakeResult(String hostId, HostSnapshot host, IntakeOutcome outcome, String conflict) {
}
