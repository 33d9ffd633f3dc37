-- Issue 12, finding 2: the deployment's secret parameters as deployment-configured carries them, sealed (the roles'
-- are inside the roles column). Opened only when the node classifier answers the puppet server. Numbered 9 to stay
-- clear of other branches.
ALTER TABLE deployment_configuration ADD COLUMN secret_parameters JSONB NOT NULL DEFAULT '{}'::jsonb;
