-- Two-factor sign-in (TOTP, RFC 6238). The secret must be readable to check codes; it is only ever
-- shown to its owner, once, at enrolment. last_totp_step refuses a code used again in its time step.
ALTER TABLE account ADD COLUMN totp_secret TEXT;
ALTER TABLE account ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE account ADD COLUMN totp_enabled_at TIMESTAMPTZ;
ALTER TABLE account ADD COLUMN last_totp_step BIGINT NOT NULL DEFAULT -1;

-- One-time recovery codes, kept as SHA-256 digests (each carries 50 random bits).
CREATE TABLE recovery_code
(
    account_id UUID        NOT NULL REFERENCES account (id),
    code_hash  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (account_id, code_hash)
);

-- Settings of the staff as a whole: one row.
CREATE TABLE settings
(
    id                 BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    two_factor_required BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO settings (id) VALUES (TRUE);
