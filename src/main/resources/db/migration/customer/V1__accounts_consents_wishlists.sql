-- Customer accounts: one per email address, whatever its case.
CREATE TABLE account
(
    id                  UUID PRIMARY KEY,
    email               TEXT        NOT NULL,
    name                TEXT        NOT NULL,
    password_hash       TEXT        NOT NULL,
    locale              TEXT        NOT NULL DEFAULT 'fr',
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL,
    last_sign_in_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX account_email_key ON account (lower(email));

-- Every answer to a consent question, with its time, wording and source; the latest one counts.
CREATE TABLE consent
(
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id UUID        NOT NULL REFERENCES account (id),
    purpose     TEXT        NOT NULL CHECK (purpose IN ('MARKETING_EMAIL')),
    granted     BOOLEAN     NOT NULL,
    wording     TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX consent_customer_idx ON consent (customer_id, purpose, id DESC);

-- Products a customer keeps an eye on, by the catalog's product slug.
CREATE TABLE wishlist_item
(
    customer_id  UUID        NOT NULL REFERENCES account (id),
    product_slug TEXT        NOT NULL,
    added_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (customer_id, product_slug)
);

-- Failed sign-ins per typed address and per client address, both kept as SHA-256 digests (what was
-- typed as an address may be a password typed in the wrong field).
CREATE TABLE sign_in_throttle
(
    subject       TEXT PRIMARY KEY,
    failures      INT         NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    blocked_until TIMESTAMPTZ
);
CREATE INDEX sign_in_throttle_window_idx ON sign_in_throttle (window_start);
