-- Issue 12: the host view's open identity conflicts, for the host API (identityConflict) and the dashboard's mark.
-- One row per host.identity-conflict event (the registry's and the listener's), by its id; resolved as the registry
-- resolves them: a host.identity-changed that accepted a conflict resolves it ('accepted') and the host's open ones
-- detected before it ('superseded'). A conversion resolves none (the registry keeps them open too).
CREATE TABLE host_identity_conflict (
    event_id    VARCHAR(64)              PRIMARY KEY,
    host_id     VARCHAR(255)             NOT NULL,
    source      VARCHAR(64)              NOT NULL,
    -- JSON array of the attribute names the claim would have changed: kind, address, sshHostKeys.
    attributes  TEXT                     NOT NULL,
    -- ce_time of the event.
    detected_at TIMESTAMP WITH TIME ZONE NOT NULL,
    resolution  VARCHAR(16) CHECK (resolution IN ('accepted', 'superseded')),
    resolved_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX host_identity_conflict_open ON host_identity_conflict (host_id, detected_at) WHERE resolution IS NULL;
