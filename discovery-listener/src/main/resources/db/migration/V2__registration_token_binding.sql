-- Issue 12: a registration token is bound on first use to the host it registered, or to at most max_hosts hosts
-- given at creation. Before, a token was reusable for any MAC until it expired, so a host holding one could register
-- (and replace the SSH host keys of) any other host. Tokens made before this migration bind one host, like new ones.
ALTER TABLE registration_token ADD COLUMN max_hosts INTEGER NOT NULL DEFAULT 1;

-- Which token a host registered with: a host belongs to one token, re-registering it with another needs an operator.
CREATE TABLE registration_token_host (
    host_id  VARCHAR(255)             PRIMARY KEY,
    token_id UUID                     NOT NULL REFERENCES registration_token (id),
    bound_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX registration_token_host_token ON registration_token_host (token_id);
