-- Hosts the listener has seen: enough to tell a new host, a changed one and a repeated upload apart.
-- One row per MAC: the primary key (derived from the MAC) makes two concurrent first uploads create one host.
CREATE TABLE known_host (
    id             VARCHAR(64)  PRIMARY KEY,
    mac            VARCHAR(17)  NOT NULL UNIQUE,
    kind           VARCHAR(16)  NOT NULL CHECK (kind IN ('DISCOVERED', 'REGISTERED')),
    name           VARCHAR(253) NOT NULL,
    content_digest CHAR(64)     NOT NULL,
    facts_digest   CHAR(64),
    part_digests   JSONB        NOT NULL,
    snapshot       JSONB        NOT NULL,
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Registration tokens: only their SHA-256 is kept; the token itself is shown once, when it is created.
CREATE TABLE registration_token (
    id          UUID         PRIMARY KEY,
    token_hash  CHAR(64)     NOT NULL UNIQUE,
    description VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
