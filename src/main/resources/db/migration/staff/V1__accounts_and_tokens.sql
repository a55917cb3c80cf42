CREATE TABLE account
(
    id              UUID PRIMARY KEY,
    email           TEXT        NOT NULL,
    display_name    TEXT        NOT NULL,
    password_hash   TEXT        NOT NULL,
    roles           TEXT[]      NOT NULL,
    locale          TEXT        NOT NULL DEFAULT 'fr',
    enabled         BOOLEAN     NOT NULL DEFAULT TRUE,
    failed_logins   INT         NOT NULL DEFAULT 0,
    locked_until    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    last_login_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX account_email_key ON account (lower(email));

-- API tokens are shown once; only their SHA-256 digest is kept.
CREATE TABLE api_token
(
    id           UUID PRIMARY KEY,
    account_id   UUID        NOT NULL REFERENCES account (id),
    token_hash   TEXT        NOT NULL UNIQUE,
    label        TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_token_account_idx ON api_token (account_id);
