-- Issue 17, approval gates: a role's policy may require an operator's approval before the role starts, with an
-- optional timeout (seconds; null waits as long as it takes). Both tables embed RolePolicy.
ALTER TABLE deployment_role ADD COLUMN approval_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE deployment_role ADD COLUMN approval_timeout_s INTEGER;
ALTER TABLE run_role ADD COLUMN approval_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE run_role ADD COLUMN approval_timeout_s INTEGER;

-- A run's role: when it started waiting for the approval, when it fails without one, who approved it and when.
ALTER TABLE run_role ADD COLUMN approval_requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE run_role ADD COLUMN approval_deadline_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE run_role ADD COLUMN approved_by VARCHAR(255);
ALTER TABLE run_role ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;

-- AWAITING_APPROVAL is 17 characters.
ALTER TABLE run_role ALTER COLUMN status TYPE VARCHAR(32);

-- The deadline scanner reads only the roles that wait with a deadline.
CREATE INDEX run_role_approval_deadline ON run_role (approval_deadline_at) WHERE approval_deadline_at IS NOT NULL;
