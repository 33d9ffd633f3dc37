package org.staypuft.simulator.puppet;

/**
 * What a run did to one resource.
 *
 * @param property the property the event is about ({@code ensure}, {@code content})
 * @param message the event's message as puppet logs it
 */
public record ResourceOutcome(CatalogResource resource, Kind kind, String property, String previousValue,
        String desiredValue, String message) {

    public enum Kind {
        UNCHANGED,
        CHANGED,
        FAILED
    }

    public boolean changed() {
        return kind == Kind.CHANGED;
    }

    public boolean failed() {
        return kind == Kind.FAILED;
    }

    public static ResourceOutcome unchanged(CatalogResource resource) {
        return new ResourceOutcome(resource, Kind.UNCHANGED, null, null, null, null);
    }

    /** A change as puppet reports it: {@code ensure} from absent to present for most types. */
    public static ResourceOutcome changed(CatalogResource resource) {
        return switch (resource.type()) {
            case "Service" -> new ResourceOutcome(resource, Kind.CHANGED, "ensure", "stopped", "running",
                    "ensure changed 'stopped' to 'running'");
            case "File" -> new ResourceOutcome(resource, Kind.CHANGED, "content",
                    "{md5}d41d8cd98f00b204e9800998ecf8427e",
                    "{md5}6f5902ac237024bdd0c176cb93063dc4",
                    "content changed '{md5}d41d8cd98f00b204e9800998ecf8427e' to '{md5}6f5902ac237024bdd0c176cb93063dc4'");
            default -> new ResourceOutcome(resource, Kind.CHANGED, "ensure", "purged", "present", "created");
        };
    }

    public static ResourceOutcome serviceState(CatalogResource resource, boolean running) {
        String from = running ? "stopped" : "running";
        String to = running ? "running" : "stopped";
        return new ResourceOutcome(resource, Kind.CHANGED, "ensure", from, to,
                "ensure changed '" + from + "' to '" + to + "'");
    }

    public static ResourceOutcome failure(CatalogResource resource) {
        return new ResourceOutcome(resource, Kind.FAILED, "ensure", "absent", "present",
                "change from 'absent' to 'present' failed: simulated failure of " + resource.ref());
    }
}
