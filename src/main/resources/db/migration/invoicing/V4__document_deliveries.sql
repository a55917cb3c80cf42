-- Each issued document is emailed to the customer once: the row is written in the transaction that
-- queues the message (then given its id), so a redelivered "issued" event finds it and sends nothing twice.
CREATE TABLE document_delivery
(
    document_id UUID PRIMARY KEY REFERENCES document (id),
    recipient   TEXT        NOT NULL,
    message_id  UUID,
    queued_at   TIMESTAMPTZ NOT NULL
);
