-- What staff wrote down about a customer (support context); erased with the customer's profile.
CREATE TABLE note
(
    id          UUID PRIMARY KEY,
    customer_id UUID        NOT NULL REFERENCES account (id),
    staff_email TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX note_customer_idx ON note (customer_id, created_at DESC);

-- When the customer's personal data was erased (GDPR art. 17): the row stays, anonymised, so the
-- orders and invoices kept by law still point at something.
ALTER TABLE account ADD COLUMN erased_at TIMESTAMPTZ;
