-- Several runners may share this database. Each running process is a replica with a lease it renews; every open
-- request is owned by the replica that accepted it (or took it over), and only that replica changes it. When a
-- replica's lease runs out, another takes its open requests over (FOR UPDATE SKIP LOCKED: one taker per row).
CREATE TABLE runner_replica (
    id          VARCHAR(100) PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);

-- NULL for requests accepted before replicas had leases: nobody's, so the first replica to look takes them over.
ALTER TABLE runner_request ADD COLUMN owner VARCHAR(100);
CREATE INDEX runner_request_open_by_owner ON runner_request (owner) WHERE state <> 'COMPLETED';
