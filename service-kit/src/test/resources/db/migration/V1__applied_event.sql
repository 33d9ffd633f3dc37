-- What the test consumer applied, to see that each event changes state exactly once.
CREATE TABLE applied_event (
    id       BIGSERIAL PRIMARY KEY,
    event_id VARCHAR(64)  NOT NULL,
    host_id  VARCHAR(255) NOT NULL
);
