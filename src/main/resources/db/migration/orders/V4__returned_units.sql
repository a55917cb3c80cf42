-- How many units of the order have come back and been refunded (returns tells): all of them make the
-- order RETURNED; some of them make a delivered order PARTIALLY_RETURNED.
ALTER TABLE customer_order ADD COLUMN returned_units INT NOT NULL DEFAULT 0 CHECK (returned_units >= 0);
