-- Deployments as operators define them.
CREATE TABLE deployment (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(63)  NOT NULL UNIQUE,
    description VARCHAR(1000),
    -- JSON object of string values, handed to the hosts' puppet classes later.
    parameters  TEXT         NOT NULL DEFAULT '{}',
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE deployment_role (
    deployment_id             VARCHAR(36) NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    name                      VARCHAR(63) NOT NULL,
    position                  INT         NOT NULL,
    -- Comma-separated role names; role names cannot contain commas.
    depends_on                TEXT        NOT NULL DEFAULT '',
    mode                      VARCHAR(16) NOT NULL,
    max_concurrent            INT         NOT NULL,
    puppet_runs               INT         NOT NULL,
    min_hosts                 INT         NOT NULL,
    max_hosts                 INT,
    tolerated_failures        INT,
    tolerated_failure_percent INT,
    provisioning_timeout_s    INT         NOT NULL,
    ssh_ready_timeout_s       INT         NOT NULL,
    puppet_run_timeout_s      INT         NOT NULL,
    PRIMARY KEY (deployment_id, name)
);

-- What the host events told us about each host; never asked of another service.
CREATE TABLE host_view (
    host_id       VARCHAR(64)  PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL,
    name          VARCHAR(255) NOT NULL,
    address       VARCHAR(64),
    -- JSON array of {algorithm, key}.
    ssh_host_keys TEXT         NOT NULL DEFAULT '[]',
    built_at      TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A host belongs to at most one deployment: the primary key says so.
CREATE SEQUENCE host_assignment_ordinal;
CREATE TABLE host_assignment (
    host_id       VARCHAR(64) PRIMARY KEY REFERENCES host_view (host_id),
    deployment_id VARCHAR(36) NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    role          VARCHAR(63) NOT NULL,
    -- Assignment order: the first assigned host of a leader role goes first.
    ordinal       BIGINT      NOT NULL DEFAULT nextval('host_assignment_ordinal'),
    state         VARCHAR(16) NOT NULL,
    deployed      BOOLEAN     NOT NULL DEFAULT FALSE,
    assigned_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX host_assignment_deployment_role ON host_assignment (deployment_id, role);

-- A run and its run-wide counters. Every transaction that changes a run locks this row first.
CREATE TABLE run (
    id             VARCHAR(36) PRIMARY KEY,
    deployment_id  VARCHAR(36) NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    deployment_name VARCHAR(63) NOT NULL,
    status         VARCHAR(16) NOT NULL,
    phase          VARCHAR(16) NOT NULL,
    redeploy_all   BOOLEAN     NOT NULL,
    triggered_by   VARCHAR(255) NOT NULL,
    cancelled_by   VARCHAR(255),
    host_count     INT NOT NULL,
    roles_total    INT NOT NULL,
    roles_ready    INT NOT NULL DEFAULT 0,
    roles_failed   INT NOT NULL DEFAULT 0,
    active         INT NOT NULL DEFAULT 0,
    prepare_active INT NOT NULL DEFAULT 0,
    agent_active   INT NOT NULL DEFAULT 0,
    agents_pending INT NOT NULL DEFAULT 0,
    agents_failed  INT NOT NULL DEFAULT 0,
    hosts_deployed INT NOT NULL DEFAULT 0,
    hosts_failed   INT NOT NULL DEFAULT 0,
    hosts_skipped  INT NOT NULL DEFAULT 0,
    reason         TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE
);
-- At most one active run per deployment, whichever replica starts or resumes it.
CREATE UNIQUE INDEX run_one_active_per_deployment ON run (deployment_id) WHERE status IN ('RUNNING', 'CANCELLING');
CREATE INDEX run_deployment_created ON run (deployment_id, created_at);

-- A role within a run: a snapshot of its definition plus the counters that drive it.
CREATE TABLE run_role (
    run_id                    VARCHAR(36) NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    name                      VARCHAR(63) NOT NULL,
    position                  INT         NOT NULL,
    depends_on                TEXT        NOT NULL DEFAULT '',
    dependents                TEXT        NOT NULL DEFAULT '',
    mode                      VARCHAR(16) NOT NULL,
    max_concurrent            INT         NOT NULL,
    puppet_runs               INT         NOT NULL,
    tolerated_failures        INT,
    tolerated_failure_percent INT,
    provisioning_timeout_s    INT         NOT NULL,
    ssh_ready_timeout_s       INT         NOT NULL,
    puppet_run_timeout_s      INT         NOT NULL,
    status                    VARCHAR(16) NOT NULL,
    deps_pending              INT         NOT NULL,
    host_count                INT         NOT NULL,
    prepare_waiting           INT         NOT NULL DEFAULT 0,
    active                    INT         NOT NULL DEFAULT 0,
    succeeded                 INT         NOT NULL DEFAULT 0,
    failed                    INT         NOT NULL DEFAULT 0,
    skipped                   INT         NOT NULL DEFAULT 0,
    reason                    TEXT,
    started_at                TIMESTAMP WITH TIME ZONE,
    finished_at               TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, name)
);

-- One row per host of a run: where the host is (phase, status) and what it waits for.
CREATE SEQUENCE host_step_seq INCREMENT BY 50;
CREATE TABLE host_step (
    id               BIGINT      PRIMARY KEY,
    run_id           VARCHAR(36) NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    host_id          VARCHAR(64) NOT NULL,
    role             VARCHAR(63) NOT NULL,
    ordinal          BIGINT      NOT NULL,
    route            VARCHAR(16) NOT NULL,
    phase            VARCHAR(16) NOT NULL,
    status           VARCHAR(16) NOT NULL,
    attempt          INT         NOT NULL DEFAULT 1,
    deploy_runs_done INT         NOT NULL DEFAULT 0,
    fresh_build      BOOLEAN     NOT NULL DEFAULT FALSE,
    reboot_done      BOOLEAN     NOT NULL DEFAULT FALSE,
    request_id       VARCHAR(255),
    -- Waiting for the registry to apply an environment/runmode change (its ce_id) before going on with awaiting.
    awaiting_config  VARCHAR(16),
    config_event_id  VARCHAR(64),
    deadline_at      TIMESTAMP WITH TIME ZONE,
    failed_phase     VARCHAR(16),
    reason           TEXT,
    skipped_by       VARCHAR(255),
    skip_reason      TEXT,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX host_step_run_host ON host_step (run_id, host_id);
-- Next host of a role to start (concurrency cap, serial, leader): an indexed LIMIT query, never a scan.
CREATE INDEX host_step_role_queue ON host_step (run_id, role, phase, status, ordinal);
-- Next host to enable the agent on; failed hosts of a run for retry.
CREATE INDEX host_step_run_queue ON host_step (run_id, phase, status, ordinal);
-- Only rows with a deadline are in this index; the scanner reads the due ones.
CREATE INDEX host_step_deadline ON host_step (deadline_at) WHERE deadline_at IS NOT NULL;
-- The host's running step, for host-built and configuration-applied events (which carry no step id).
CREATE INDEX host_step_host_status ON host_step (host_id, status);

-- Every command sent for a step, one row per request id: correlation, re-send after a crash, history with timings.
CREATE TABLE host_request (
    request_id       VARCHAR(255) PRIMARY KEY,
    host_step_id     BIGINT       NOT NULL REFERENCES host_step (id) ON DELETE CASCADE,
    run_id           VARCHAR(36)  NOT NULL,
    step_key         VARCHAR(255) NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    purpose          VARCHAR(16),
    attempt          INT          NOT NULL,
    -- The exact payload sent, re-sent unchanged (same request id) after a restart.
    payload          TEXT         NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    completed_at     TIMESTAMP WITH TIME ZONE,
    outcome          VARCHAR(32),
    reason           TEXT,
    changed_resources TEXT,
    failed_resources TEXT,
    duration_ms      BIGINT,
    resent           INT          NOT NULL DEFAULT 0
);
CREATE INDEX host_request_step ON host_request (host_step_id, sent_at);
CREATE INDEX host_request_outstanding ON host_request (run_id) WHERE completed_at IS NULL;

-- The per-run change log behind the live event stream: any replica appends, any replica streams by seq.
CREATE TABLE run_change (
    seq    BIGSERIAL   PRIMARY KEY,
    run_id VARCHAR(36) NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    at     TIMESTAMP WITH TIME ZONE NOT NULL,
    kind   VARCHAR(32) NOT NULL,
    data   TEXT        NOT NULL
);
CREATE INDEX run_change_run_seq ON run_change (run_id, seq);
