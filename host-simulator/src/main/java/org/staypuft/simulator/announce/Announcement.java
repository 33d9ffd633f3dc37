package org.staypuft.simulator.announce;

/**
 * The discovery listener's answer to a fact upload or a registration.
 *
 * @param kind how the host announced itself
 * @param hostId the id the listener gave the host ({@code mac} + 12 hex digits)
 * @param name the host's name at the listener (the {@code mac...} name of a discovered host, the hostname of a
 *        registered one)
 * @param outcome {@code created}, {@code updated} or {@code unchanged}
 */
public record Announcement(Kind kind, String hostId, String name, String outcome) {

    public enum Kind {

        DISCOVERED,
        REGISTERED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
