-- The transactional outbox: events written in the same transaction as the state change that caused them.
CREATE TABLE outbox_event (
    seq           BIGSERIAL PRIMARY KEY,
    event_id      VARCHAR(64)  NOT NULL UNIQUE,
    topic         VARCHAR(255) NOT NULL,
    record_key    VARCHAR(255) NOT NULL,
    event_type    VARCHAR(255) NOT NULL,
    source        VARCHAR(255) NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    deployment_id VARCHAR(64),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    payload       BYTEA        NOT NULL
);

-- The inbox: ids of the events a consumer already applied, written in the consumer's own transaction.
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
