-- Issue 11: a step whose deadline passed because a part of Staypuft (runner, registry, Kafka, the puppet server) did
-- not answer waits for that part instead of failing its host. What it waits for and since when, for the API, the
-- watcher and the dashboard; and the catalog-unavailable retries of the step's current attempt.
ALTER TABLE host_step ADD COLUMN waiting_for VARCHAR(300);
ALTER TABLE host_step ADD COLUMN waiting_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE host_step ADD COLUMN catalog_retries INT NOT NULL DEFAULT 0;
ALTER TABLE host_step ADD COLUMN retry_due BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX host_step_waiting ON host_step (run_id, waiting_for) WHERE waiting_for IS NOT NULL;
