-- Issue 17: discovery rules (ADR 0018). Ordered rules whose CEL expression over a discovered host's facts assigns it
-- to a deployment's role, at most max_count hosts per rule, each named by the rule's pattern.

-- The facts rules see: the host's last accepted snapshot (events' HostSnapshot as JSON), kept while the host is free.
ALTER TABLE host_view ADD COLUMN facts TEXT;

CREATE TABLE discovery_rule (
    id               VARCHAR(36)  PRIMARY KEY,
    name             VARCHAR(63)  NOT NULL UNIQUE,
    -- Lower first; equal priorities in name order.
    priority         INT          NOT NULL,
    expression       TEXT         NOT NULL,
    deployment_id    VARCHAR(36)  NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    role             VARCHAR(63)  NOT NULL,
    -- Null: no limit.
    max_count        INT,
    -- The host-name pattern, e.g. "compute-" followed by the number placeholder (n in dollar-braces, not written
    -- here: Flyway would take it for one of its placeholders); null: the host keeps its own name.
    hostname_pattern VARCHAR(255),
    enabled          BOOLEAN      NOT NULL,
    -- Hosts this rule took and the next number of the pattern: changed only under this row's lock (SELECT ... FOR UPDATE).
    taken            INT          NOT NULL DEFAULT 0,
    next_number      INT          NOT NULL DEFAULT 1,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX discovery_rule_order ON discovery_rule (priority, name) WHERE enabled;

-- Every host a rule ever took: at most one row per host (the primary key), whatever replica or redelivery tries
-- again, and a given name at most once. Kept when the host is unassigned later: rules take a host once.
CREATE TABLE discovery_rule_take (
    host_id    VARCHAR(64)  PRIMARY KEY,
    rule_id    VARCHAR(36)  REFERENCES discovery_rule (id) ON DELETE SET NULL,
    rule_name  VARCHAR(63)  NOT NULL,
    host_name  VARCHAR(255) UNIQUE,
    taken_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which rule assigned the host (null: an operator), for the hosts list and the dashboard.
ALTER TABLE host_assignment ADD COLUMN rule VARCHAR(63);
ALTER TABLE host_assignment ADD COLUMN given_name VARCHAR(255);
