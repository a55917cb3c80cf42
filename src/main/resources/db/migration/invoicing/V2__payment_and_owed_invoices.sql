-- The payment an invoice acknowledges when the order was paid before it was issued (canonical form
-- version 2 hashes it). Adding nullable columns rewrites no issued row: the triggers are not fired.
ALTER TABLE document
    ADD COLUMN paid_on       DATE,
    ADD COLUMN payment_means TEXT,
    ADD COLUMN paid_amount   NUMERIC(19, 4),
    ADD CONSTRAINT document_payment_whole CHECK ((paid_on IS NULL) = (payment_means IS NULL)
        AND (paid_on IS NULL) = (paid_amount IS NULL)),
    ADD CONSTRAINT document_payment_on_invoices CHECK (paid_on IS NULL OR document_type = 'INVOICE');

-- Orders owed an invoice that could not be issued when they were paid (merchant settings not confirmed
-- yet, or order data the invoice rules refuse): tried again by a job, with growing delays, until issued.
CREATE TABLE owed_invoice
(
    order_reference TEXT PRIMARY KEY,
    owed_since      TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL CHECK (attempts >= 1),
    next_attempt_at TIMESTAMPTZ NOT NULL,
    problem         TEXT        NOT NULL
);
CREATE INDEX owed_invoice_due_idx ON owed_invoice (next_attempt_at);

-- The back office searches documents by date, number, order and buyer.
CREATE INDEX document_issued_idx ON document (issued_at DESC);
