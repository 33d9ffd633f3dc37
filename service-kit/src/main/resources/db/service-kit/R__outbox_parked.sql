-- Outbox rows Kafka refused for good (record too large, unknown topic, not authorized), kept with the broker's reason
-- so that the rows behind them flow. A repeatable migration with IF NOT EXISTS: it also reaches databases whose
-- services already applied their own V1.. migrations (a versioned V0_2 would be "out of order" there).
CREATE TABLE IF NOT EXISTS outbox_parked (
    seq           BIGINT       PRIMARY KEY,
    event_id      VARCHAR(64)  NOT NULL,
    topic         VARCHAR(255) NOT NULL,
    record_key    VARCHAR(255) NOT NULL,
    event_type    VARCHAR(255) NOT NULL,
    source        VARCHAR(255) NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    deployment_id VARCHAR(64),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    payload       BYTEA        NOT NULL,
    reason        TEXT         NOT NULL,
    parked_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
