-- A signed-in customer's order history, newest first.
CREATE INDEX customer_order_customer_idx ON customer_order (customer_id, placed_at DESC) WHERE customer_id IS NOT NULL;
