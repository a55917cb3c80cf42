-- One row per staff action, written in the transaction of the change. Rows are only ever added.
CREATE TABLE entry
(
    id             UUID PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    staff_id       UUID        NOT NULL,
    staff_email    TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    target_type    TEXT        NOT NULL,
    target_id      TEXT        NOT NULL,
    summary        TEXT        NOT NULL,
    client_address TEXT
);
CREATE INDEX entry_at_idx ON entry (at DESC, id DESC);
CREATE INDEX entry_staff_idx ON entry (staff_id, at DESC);
CREATE INDEX entry_target_idx ON entry (target_type, target_id, at DESC);
