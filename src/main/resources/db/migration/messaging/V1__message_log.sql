-- Every outgoing message, whatever its channel, with what was sent and what became of it.
CREATE TABLE message
(
    id            UUID PRIMARY KEY,
    channel       TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    template      TEXT        NOT NULL,
    locale        TEXT        NOT NULL,
    recipient     TEXT        NOT NULL,
    subject       TEXT,
    body_text     TEXT        NOT NULL,
    body_html     TEXT,
    reference     TEXT,
    status        TEXT        NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'LOGGED', 'FAILED')),
    attempts      INT         NOT NULL DEFAULT 0,
    last_error    TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    sent_at       TIMESTAMPTZ
);
CREATE INDEX message_created_at_idx ON message (created_at DESC);
CREATE INDEX message_recipient_idx ON message (lower(recipient));
CREATE INDEX message_reference_idx ON message (reference);

CREATE TABLE attachment
(
    message_id   UUID  NOT NULL REFERENCES message (id),
    position     INT   NOT NULL,
    filename     TEXT  NOT NULL,
    content_type TEXT  NOT NULL,
    content      BYTEA NOT NULL,
    PRIMARY KEY (message_id, position)
);
