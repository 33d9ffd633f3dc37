-- Issue 13: how the runner reaches a role's hosts, when not the global staypuft.orchestrator.ssh-port / ssh-user.
-- Null: the global setting. Numbered 13 (the issue) so that other branches' V3.. do not collide.
ALTER TABLE deployment_role ADD COLUMN ssh_port INTEGER;
ALTER TABLE deployment_role ADD COLUMN ssh_user TEXT;
ALTER TABLE run_role ADD COLUMN ssh_port INTEGER;
ALTER TABLE run_role ADD COLUMN ssh_user TEXT;
