-- Claims of an unauthenticated source (a facts upload) that would have changed the kind, address or SSH host keys
-- of a registered, assigned or built host (HostIdentityRule): nothing changed, operators see them with the host.
-- One row per host.identity-conflict event, by its id: ours and the listener's, each recorded once.
CREATE TABLE host_identity_conflict (
    event_id         VARCHAR(64)              PRIMARY KEY,
    host_id          VARCHAR(255)             NOT NULL,
    source           VARCHAR(64)              NOT NULL,
    -- JSON array of the attribute names: kind, address, sshHostKeys.
    attributes       JSONB                    NOT NULL,
    claimed_kind     VARCHAR(32)              NOT NULL,
    claimed_address  VARCHAR(255),
    -- JSON array of {algorithm, key}.
    claimed_ssh_host_keys JSONB               NOT NULL,
    reason           TEXT                     NOT NULL,
    -- ce_source of the event: which service refused the claim.
    detected_by      VARCHAR(255)             NOT NULL,
    -- ce_time of the event.
    detected_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX host_identity_conflict_host ON host_identity_conflict (host_id, detected_at DESC);
