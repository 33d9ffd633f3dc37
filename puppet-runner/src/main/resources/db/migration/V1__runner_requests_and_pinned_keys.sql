-- Commands the runner accepted: remembered across restarts so a redelivered request id never runs twice and a
-- request caught running by a crash is recognised.
CREATE TABLE runner_request (
    id           BIGSERIAL PRIMARY KEY,
    kind         VARCHAR(16)  NOT NULL,
    request_id   VARCHAR(255) NOT NULL,
    host_id      VARCHAR(255) NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    attempts     INT          NOT NULL DEFAULT 0,
    request      TEXT         NOT NULL,
    completion   TEXT,
    last_reason  TEXT,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    completed_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT runner_request_once UNIQUE (kind, request_id)
);
-- What a restart looks for.
CREATE INDEX runner_request_open ON runner_request (kind, state) WHERE state <> 'COMPLETED';

-- Host keys pinned at first contact (host key policy accept-new).
CREATE TABLE pinned_host_key (
    host_id    VARCHAR(255) PRIMARY KEY,
    public_key TEXT NOT NULL,
    pinned_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
