-- A consumed reservation's units leave the stock row at once when the row is free, or a moment
-- later (a hot SKU's row is not waited for at payment): folded tells which.
ALTER TABLE reservation ADD COLUMN folded BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX reservation_unfolded_idx ON reservation (sku) WHERE status = 'CONSUMED' AND NOT folded;
