package org.staypuft.registry.provisioning;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class BuildTokenRepository implements PanacheRepositoryBase<BuildToken, String> {

    /** The token row, locked until the transaction ends: two concurrent callbacks cannot both use it. */
    Optional<BuildToken> findForUpdate(String tokenHash) {
        return findByIdOptional(tokenHash, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Whether a token was issued for this step of this host before: the step's request came again. */
    boolean issuedFor(String hostId, String stepId) {
        return count("hostId = ?1 and stepId = ?2", hostId, stepId) > 0;
    }

    /** Supersedes the host's outstanding tokens issued for other steps than this one. */
    int revokeOtherSteps(String hostId, String stepId, OffsetDateTime now) {
        return update("revokedAt = ?1 where hostId = ?2 and stepId <> ?3 and usedAt is null and revokedAt is null",
                now, hostId, stepId);
    }

    /** Supersedes the host's other outstanding tokens: the host is built, none of them may call back any more. */
    int revokeOthers(String hostId, String keptTokenHash, OffsetDateTime now) {
        return update("revokedAt = ?1 where hostId = ?2 and tokenHash <> ?3 and usedAt is null and revokedAt is null",
                now, hostId, keptTokenHash);
    }

    /** Supersedes the host's outstanding tokens issued before the given time. */
    public int revokeIssuedBefore(String hostId, OffsetDateTime before, OffsetDateTime now) {
        return update("revokedAt = ?1 where hostId = ?2 and issuedAt <= ?3 and usedAt is null and revokedAt is null",
                now, hostId, before);
    }
}
