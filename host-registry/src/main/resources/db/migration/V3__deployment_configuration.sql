-- The latest configuration of each deployment (deployment-configured): parameters and each role's Puppet classes
-- and parameters, for the node classifier. One row per deployment, replaced as a whole by each event. Not tied to
-- host rows: the configuration and the hosts' assignments travel on different topics and either may arrive first.
CREATE TABLE deployment_configuration (
    deployment_id   VARCHAR(255)             PRIMARY KEY,
    deployment_name VARCHAR(255)             NOT NULL,
    -- JSON object of string values.
    parameters      JSONB                    NOT NULL,
    -- JSON array of {name, puppetClasses, parameters}, as in the event.
    roles           JSONB                    NOT NULL,
    -- ce_time of the event it came from.
    configured_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
