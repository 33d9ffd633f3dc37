-- What a role's hosts get from Puppet's node classifier besides the deployment's parameters; both travel to the
-- host registry in deployment-configured.
ALTER TABLE deployment_role ADD COLUMN puppet_classes TEXT NOT NULL DEFAULT '[]';  -- JSON array of class names
ALTER TABLE deployment_role ADD COLUMN parameters     TEXT NOT NULL DEFAULT '{}';  -- JSON object of string values
