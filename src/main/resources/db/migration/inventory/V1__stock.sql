CREATE TABLE stock
(
    sku        TEXT PRIMARY KEY,
    on_hand    INT         NOT NULL CHECK (on_hand >= 0),
    reserved   INT         NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    updated_at TIMESTAMPTZ NOT NULL
);
