-- Stock held for orders until they are paid (consumed) or cancelled (released).
CREATE TABLE reservation
(
    reference  TEXT        NOT NULL,
    sku        TEXT        NOT NULL,
    quantity   INT         NOT NULL CHECK (quantity > 0),
    status     TEXT        NOT NULL CHECK (status IN ('HELD', 'CONSUMED', 'RELEASED')),
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    settled_at TIMESTAMPTZ,
    PRIMARY KEY (reference, sku)
);
CREATE INDEX reservation_held_idx ON reservation (expires_at) WHERE status = 'HELD';

-- Every change of what is on hand, with its reason: the stock ledger.
CREATE TABLE movement
(
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku        TEXT        NOT NULL,
    delta      INT         NOT NULL,
    on_hand    INT         NOT NULL,
    reason     TEXT        NOT NULL CHECK (reason IN ('COUNT', 'ADJUSTMENT', 'SOLD', 'RETURNED')),
    reference  TEXT,
    note       TEXT,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX movement_sku_idx ON movement (sku, at DESC);

-- Below this, a low-stock event tells the merchant to reorder.
ALTER TABLE stock ADD COLUMN low_stock_threshold INT NOT NULL DEFAULT 2 CHECK (low_stock_threshold >= 0);
