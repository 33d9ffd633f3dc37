-- Issue 12 finding 7, across replicas: the cap on discovered hosts counts the free ones (neither assigned to a
-- deployment nor built), and the facts rate limit per source address is one bucket in the database that every
-- replica takes from.

-- The deployment a host is assigned to (host.assigned; null again after host.unassigned).
ALTER TABLE known_host ADD COLUMN assigned_to VARCHAR(255);
-- What the cap counts, at every first upload of a MAC.
CREATE INDEX known_host_free_discovered ON known_host (id)
    WHERE kind = 'DISCOVERED' AND assigned_to IS NULL AND built_at IS NULL;

-- A token bucket per source address of facts uploads: the tokens left as of updated_at, refilled at
-- uploads-per-minute up to burst. Times are the database's clock_timestamp(), the one clock replicas share.
CREATE TABLE intake_bucket (
    source_address VARCHAR(64)              PRIMARY KEY,
    tokens         DOUBLE PRECISION         NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Buckets that refilled completely are deleted (a new address starts full anyway).
CREATE INDEX intake_bucket_updated ON intake_bucket (updated_at);
