-- Where a host's SSH host keys came from. Discovery facts are uploaded without authentication: they may replace only
-- keys that came the same way, never those of a built host (build token) or a registered one (registration token).
ALTER TABLE host ADD COLUMN ssh_host_keys_source VARCHAR(32) NOT NULL DEFAULT 'DISCOVERY_IMAGE'
    CHECK (ssh_host_keys_source IN ('DISCOVERY_IMAGE', 'BUILD_CALLBACK', 'REGISTRATION'));
-- Hosts built before this migration cannot be told apart from never-built ones; registered hosts can.
UPDATE host SET ssh_host_keys_source = 'REGISTRATION' WHERE kind = 'REGISTERED';
ALTER TABLE host ALTER COLUMN ssh_host_keys_source DROP DEFAULT;

-- The node classifier finds a host by its certname: its id or, case-insensitively, its name.
CREATE INDEX host_name_lower ON host (lower(name));

-- One-time build tokens, issued when provisioning is requested. Only the SHA-256 of a token is kept: a database dump
-- does not let anyone call back as a host being built.
CREATE TABLE build_token (
    token_hash    CHAR(64) PRIMARY KEY,
    host_id       VARCHAR(255)             NOT NULL,
    deployment_id VARCHAR(255),
    run_id        VARCHAR(255),
    step_id       VARCHAR(255)             NOT NULL,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The built callback used it; a token is good for one callback.
    used_at       TIMESTAMP WITH TIME ZONE,
    -- Superseded: the host was built, unassigned, or provisioned again by another step.
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX build_token_host ON build_token (host_id, step_id);
