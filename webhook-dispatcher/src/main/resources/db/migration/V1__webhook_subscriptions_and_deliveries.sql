-- Webhook subscriptions: where to send which events, and the secret that signs them. The secret is kept (it must
-- sign every delivery) but the API shows it only in the answer that created it.
CREATE TABLE webhook_subscription (
    id            UUID          PRIMARY KEY,
    url           VARCHAR(2048) NOT NULL,
    event_types   TEXT          NOT NULL, -- JSON list of CloudEvents types, org.staypuft.<name>.v1
    deployment_id VARCHAR(128),           -- null: every deployment (and events of no deployment)
    secret        VARCHAR(256)  NOT NULL,
    enabled       BOOLEAN       NOT NULL,
    created_by    VARCHAR(255)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An event some subscription wanted, as it came from Kafka: its CloudEvents attributes (as HTTP headers) and its
-- JSON body. Stored once however many subscriptions deliver it.
CREATE TABLE webhook_event (
    id          VARCHAR(64)  PRIMARY KEY, -- ce_id
    type        VARCHAR(255) NOT NULL,
    headers     TEXT         NOT NULL,    -- JSON object: HTTP header name -> value
    body        BYTEA        NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One event to one subscription. Written in the transaction that records the event id in the inbox; the unique
-- (event, subscription) pair makes a redelivered record one delivery. Workers claim due PENDING rows with
-- FOR UPDATE SKIP LOCKED and move next_attempt_at forward by a lease while they send, so replicas never send the
-- same row at once and a crashed replica's rows are sent again after the lease.
CREATE TABLE webhook_delivery (
    id              UUID        PRIMARY KEY,
    seq             BIGSERIAL   NOT NULL,
    subscription_id UUID        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id        VARCHAR(64) NOT NULL REFERENCES webhook_event (id),
    event_type      VARCHAR(255) NOT NULL,
    state           VARCHAR(16) NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        INTEGER     NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status     INTEGER,              -- the receiver's HTTP status; null: no answer (last_error says why)
    last_error      VARCHAR(1024),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (event_id, subscription_id)
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at, seq) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_of_subscription ON webhook_delivery (subscription_id, created_at DESC);
