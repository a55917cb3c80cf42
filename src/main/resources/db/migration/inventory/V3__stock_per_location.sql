-- Where stock is kept: warehouses and shops. The stock row of a SKU (inventory.stock) stays what can
-- be sold online, the sum of what the locations sellable online have; reservations and sales keep
-- working on that row alone.
CREATE TABLE location
(
    code            TEXT PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind            TEXT        NOT NULL CHECK (kind IN ('WAREHOUSE', 'STORE')),
    -- The click & collect store (fulfilment) whose shelves this is, if any.
    store_id        TEXT UNIQUE CHECK (store_id IS NULL OR kind = 'STORE'),
    sellable_online BOOLEAN     NOT NULL,
    position        INT         NOT NULL,
    -- The location of counts and adjustments that name none, and of returns.
    is_default      BOOLEAN     NOT NULL DEFAULT FALSE CHECK (NOT is_default OR sellable_online),
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX location_one_default ON location (is_default) WHERE is_default;

INSERT INTO location (code, name, kind, sellable_online, position, is_default, created_at)
VALUES ('warehouse', 'Entrepôt', 'WAREHOUSE', TRUE, 0, TRUE, now());

-- What is on hand at each location. Units sold online are taken from a location shortly after the
-- sale (see the movements without a location below), so until then the locations sellable online
-- hold those units more than the stock row does.
CREATE TABLE stock_at_location
(
    sku        TEXT        NOT NULL REFERENCES stock (sku),
    location   TEXT        NOT NULL REFERENCES location (code),
    on_hand    INT         NOT NULL CHECK (on_hand >= 0),
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sku, location)
);
CREATE INDEX stock_at_location_location_idx ON stock_at_location (location, sku);

-- Until now every unit was in one place: it is the default warehouse.
INSERT INTO stock_at_location (sku, location, on_hand, updated_at)
SELECT sku, 'warehouse', on_hand, updated_at FROM stock;

-- Each movement says where it happened and what that location had after it; on_hand stays what could
-- be sold online after it. A sale is written without a location, which it gets once allocated.
ALTER TABLE movement ADD COLUMN location TEXT REFERENCES location (code);
ALTER TABLE movement ADD COLUMN location_on_hand INT;
UPDATE movement SET location = 'warehouse', location_on_hand = on_hand;
CREATE INDEX movement_unallocated_idx ON movement (sku, id) WHERE location IS NULL;

ALTER TABLE movement DROP CONSTRAINT movement_reason_check;
ALTER TABLE movement ADD CONSTRAINT movement_reason_check
    CHECK (reason IN ('COUNT', 'ADJUSTMENT', 'SOLD', 'RETURNED', 'TRANSFER'));

-- Numbers the transfers between locations: both of their movements carry it as reference.
CREATE SEQUENCE transfer_number;
