-- The host inventory: one row per host, the projection of the host lifecycle topic.
CREATE TABLE host (
    id                      VARCHAR(255) PRIMARY KEY,
    version                 BIGINT       NOT NULL,
    name                    VARCHAR(255) NOT NULL,
    mac                     VARCHAR(64)  NOT NULL,
    kind                    VARCHAR(16)  NOT NULL CHECK (kind IN ('DISCOVERED', 'REGISTERED')),
    ipv4                    VARCHAR(64),
    ipv6                    VARCHAR(64),
    -- Interfaces, disks and SSH host keys are JSONB, not child tables: they are the contract's value objects, always
    -- replaced as a whole by the latest facts and read with their host, never queried or changed one by one.
    interfaces              JSONB        NOT NULL DEFAULT '[]',
    cpu_count               INTEGER,
    memory_bytes            BIGINT,
    vendor                  VARCHAR(255),
    model                   VARCHAR(255),
    disk_count              INTEGER,
    disks                   JSONB        NOT NULL DEFAULT '[]',
    ssh_host_keys           JSONB        NOT NULL DEFAULT '[]',
    discovery_image_version VARCHAR(64),
    facts_digest            VARCHAR(64),
    state                   VARCHAR(16)  NOT NULL
        CHECK (state IN ('FREE', 'ASSIGNED', 'DEPLOYING', 'DEPLOYED', 'FAILED')),
    state_reason            TEXT,
    environment             VARCHAR(255) NOT NULL,
    build                   BOOLEAN      NOT NULL,
    managed                 BOOLEAN      NOT NULL,
    runmode                 VARCHAR(16)  NOT NULL CHECK (runmode IN ('NONE', 'SERVICE')),
    deployment_id           VARCHAR(255),
    deployment_name         VARCHAR(255),
    role                    VARCHAR(255),
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX host_state ON host (state, id);
CREATE INDEX host_deployment_role ON host (deployment_id, role, id);

-- The latest raw facts of each host, as uploaded (one row per host, like the compacted topic they come from).
-- No foreign key to host: facts and lifecycle events come on different topics, and either may arrive first.
CREATE TABLE host_facts (
    host_id      VARCHAR(255) PRIMARY KEY,
    facts_digest VARCHAR(64),
    facts        JSONB                    NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Lifecycle events about a host the inventory does not know yet (e.g. assigned before discovered, sent by another
-- producer), in arrival order; applied and deleted right after the host's discovered or registered event.
CREATE TABLE parked_host_event (
    seq           BIGSERIAL PRIMARY KEY,
    host_id       VARCHAR(255)             NOT NULL,
    event_id      VARCHAR(255)             NOT NULL,
    event_type    VARCHAR(255)             NOT NULL,
    source        VARCHAR(255)             NOT NULL,
    subject       VARCHAR(255)             NOT NULL,
    deployment_id VARCHAR(255),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    payload       JSONB                    NOT NULL,
    parked_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX parked_host_event_host ON parked_host_event (host_id, seq);
