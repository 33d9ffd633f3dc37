-- Issue 12, operator identity actions: an operator accepts a refused identity claim or converts a host between
-- discovered and registered (host.identity-changed, source operator).

-- When the host's installation called back (host.built): a built host's identity is protected whatever its keys'
-- source says now (an operator may have replaced the keys since).
ALTER TABLE host ADD COLUMN built_at TIMESTAMP WITH TIME ZONE;
UPDATE host SET built_at = updated_at WHERE ssh_host_keys_source = 'BUILD_CALLBACK';

-- Keys an operator accepted from a refused claim.
ALTER TABLE host DROP CONSTRAINT host_ssh_host_keys_source_check;
ALTER TABLE host ADD CONSTRAINT host_ssh_host_keys_source_check
    CHECK (ssh_host_keys_source IN ('DISCOVERY_IMAGE', 'BUILD_CALLBACK', 'REGISTRATION', 'OPERATOR'));

-- A conflict is open until an operator accepts it ('accepted') or accepts a later claim of the same host
-- ('superseded'); resolved_by is the id of that host.identity-changed event.
ALTER TABLE host_identity_conflict ADD COLUMN resolution VARCHAR(16)
    CHECK (resolution IN ('accepted', 'superseded'));
ALTER TABLE host_identity_conflict ADD COLUMN resolved_by VARCHAR(64);
ALTER TABLE host_identity_conflict ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
