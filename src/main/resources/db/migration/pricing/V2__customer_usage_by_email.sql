-- Every pricing of a cart with a customer reads their uses by email: without this index, a scan of
-- every customer's uses (the table grows with each order carrying a promotion).
CREATE INDEX customer_usage_email_idx ON customer_usage (customer_email);
