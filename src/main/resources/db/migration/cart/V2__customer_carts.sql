-- A customer has at most one open cart, found from any device. At sign-in a guest's cart is merged
-- into it and closed (MERGED); a customer's cart idle past the carts' lifetime is closed (EXPIRED)
-- when a new one is needed.
ALTER TABLE cart DROP CONSTRAINT cart_status_check;
ALTER TABLE cart ADD CONSTRAINT cart_status_check CHECK (status IN ('OPEN', 'ORDERED', 'MERGED', 'EXPIRED'));
ALTER TABLE cart ADD COLUMN merged_into UUID REFERENCES cart (id);
DROP INDEX cart_customer_idx;
CREATE UNIQUE INDEX cart_customer_open_key ON cart (customer_id) WHERE status = 'OPEN';
