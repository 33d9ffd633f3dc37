-- Issue 11: a host that waits for a part of Staypuft longer than staypuft.orchestrator.wait-limit pauses its run
-- (status PAUSED) instead of failing. What the run was paused for, since when the host waited, when it paused; when
-- it was last resumed (the wait limit counts from then); the parts the run waits for, announced as run-waiting
-- events (JSON: part -> since), so that a run-wait-ended follows each exactly once.
ALTER TABLE run ADD COLUMN paused_for VARCHAR(300);
ALTER TABLE run ADD COLUMN paused_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE run ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE run ADD COLUMN resumed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE run ADD COLUMN waiting_parts TEXT;

-- A paused run is active: its hosts are still in it.
DROP INDEX run_one_active_per_deployment;
CREATE UNIQUE INDEX run_one_active_per_deployment ON run (deployment_id)
    WHERE status IN ('RUNNING', 'PAUSED', 'CANCELLING');
