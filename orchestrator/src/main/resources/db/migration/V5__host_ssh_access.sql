-- Issue 13: how the runner reaches a host, as its registration says (host.registered's optional ssh). Null: the
-- role's ssh setting, else the global staypuft.orchestrator.ssh-port / ssh-user.
ALTER TABLE host_view ADD COLUMN ssh_port INTEGER;
ALTER TABLE host_view ADD COLUMN ssh_user TEXT;
