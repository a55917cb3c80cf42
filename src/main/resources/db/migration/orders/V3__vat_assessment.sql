-- The VAT engine's assessment each order was priced with (lines referenced by the order lines'
-- positions): the invoice shows these figures, not a new computation. Empty for orders placed before.
ALTER TABLE customer_order ADD COLUMN vat_assessment JSONB;
