package org.staypuft.registry.api;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.staypuft.events.host.SshHostKey;
import org.staypuft.registry.identity.IdentityConflict;

/** A refused identity claim, as operators read it. */
@Schema(name = "IdentityConflict")
public record IdentityConflictView(
        @Schema(description = "id of the host.identity-conflict event") String eventId,
        @Schema(description = "who made the claim", enumeration = {
                "discovery-upload", "registration"}) String source,
        @Schema(description = "what the claim would have changed: kind, address, sshHostKeys") List<String> attributes,
        @Schema(enumeration = {"discovered", "registered"}) String claimedKind,
        String claimedAddress,
        List<SshHostKey> claimedSshHostKeys,
        String reason,
        @Schema(description = "the service that refused it (ce_source)") String detectedBy,
        OffsetDateTime detectedAt,
        @Schema(description = "null while open; accepted (an operator accepted this claim) or superseded (an operator accepted a later claim of the host)", enumeration = {
                "accepted", "superseded"}) String resolution,
        @Schema(description = "id of the host.identity-changed event that resolved it") String resolvedBy,
        OffsetDateTime resolvedAt){

    static IdentityConflictView of(IdentityConflict conflict) {
        return new IdentityConflictView(conflict.getEventId(), conflict.getSource(), conflict.getAttributes(),
                conflict.getClaimedKind(), conflict.getClaimedAddress(), conflict.getClaimedSshHostKeys(),
                conflict.getReason(), conflict.getDetectedBy(), conflict.getDetectedAt(),
                conflict.getResolution(), conflict.getResolvedBy(), conflict.getResolvedAt());
    }
}
