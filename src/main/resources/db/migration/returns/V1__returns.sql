-- Withdrawals, returns, inspections and refunds. Order lines are known by their position in the order, from 1.

-- When each order reached its customer (the last parcel, or collection in store), as fulfilment announced it:
-- the withdrawal period runs from it.
CREATE TABLE delivered_order
(
    order_number TEXT PRIMARY KEY,
    delivered_at TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
);

-- A return: for a withdrawal (the customer's declaration, with its date and time) or for a lack of
-- conformity under the legal guarantee.
CREATE TABLE customer_return
(
    id                UUID PRIMARY KEY,
    number            TEXT        NOT NULL UNIQUE,
    order_number      TEXT        NOT NULL,
    kind              TEXT        NOT NULL CHECK (kind IN ('WITHDRAWAL', 'CONFORMITY')),
    status            TEXT        NOT NULL CHECK (status IN ('REQUESTED', 'INSPECTED', 'REFUNDING', 'REFUNDED', 'CLOSED')),
    channel           TEXT        NOT NULL,
    reason            TEXT,
    idempotency_key   TEXT,
    requested_at      TIMESTAMPTZ NOT NULL,
    -- The withdrawal covers every unit of every line of the order: the standard delivery is refunded too.
    whole_order       BOOLEAN     NOT NULL,
    -- The last day of the withdrawal period when it was declared (null before delivery).
    withdrawal_deadline DATE,
    -- The refund is due by the end of this day (Europe/Paris); null until it can be known.
    refund_due_by     DATE,
    inspected_at      TIMESTAMPTZ,
    inspected_by      TEXT,
    refund_attempt    INT         NOT NULL DEFAULT 0,
    refund_amount     NUMERIC(19, 4),
    delivery_refund   NUMERIC(19, 4),
    currency          CHAR(3)     NOT NULL,
    refunded_at       TIMESTAMPTZ,
    refund_failure    TEXT,
    credit_note       TEXT,
    credit_note_problem TEXT,
    UNIQUE (order_number, idempotency_key)
);
CREATE INDEX customer_return_order_idx ON customer_return (order_number);
CREATE INDEX customer_return_open_idx ON customer_return (status, refund_due_by) WHERE status IN ('REQUESTED', 'INSPECTED', 'REFUNDING');
CREATE SEQUENCE return_number;

CREATE TABLE return_line
(
    return_id       UUID        NOT NULL REFERENCES customer_return (id),
    position        INT         NOT NULL CHECK (position >= 1),
    sku             TEXT        NOT NULL,
    title           TEXT        NOT NULL,
    quantity        INT         NOT NULL CHECK (quantity > 0),
    outcome         TEXT CHECK (outcome IN ('ACCEPTED', 'REFUSED')),
    condition       TEXT,
    note            TEXT,
    refunded_amount NUMERIC(19, 4),
    PRIMARY KEY (return_id, position)
);

-- Each refund asked of the payment provider for a return.
CREATE TABLE return_refund
(
    return_id  UUID           NOT NULL REFERENCES customer_return (id),
    refund_id  UUID           NOT NULL,
    payment_id TEXT           NOT NULL,
    amount     NUMERIC(19, 4) NOT NULL,
    status     TEXT           NOT NULL,
    at         TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (return_id, refund_id)
);

-- Returned items accepted but no longer new: to be graded and sold again as second-hand items.
CREATE TABLE relist_item
(
    id          UUID PRIMARY KEY,
    return_id   UUID        NOT NULL REFERENCES customer_return (id),
    position    INT         NOT NULL,
    sku         TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    quantity    INT         NOT NULL,
    condition   TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    relisted_at TIMESTAMPTZ,
    UNIQUE (return_id, position)
);

-- What the staff must see: a refund due and not made in time.
CREATE TABLE staff_alert
(
    id        UUID PRIMARY KEY,
    return_id UUID        NOT NULL REFERENCES customer_return (id),
    kind      TEXT        NOT NULL,
    message   TEXT        NOT NULL,
    raised_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ,
    UNIQUE (return_id, kind)
);
