-- Orders charged in another currency than the euro: the reference rate they were converted at (one euro buys
-- exchange_rate units of the order's currency, as published for exchange_rate_date) and the VAT assessment in
-- euros they come from, where the VAT was assessed. vat_assessment then holds the converted figures the
-- order charged and its invoice shows. All three are empty for orders in euros.
ALTER TABLE customer_order ADD COLUMN exchange_rate NUMERIC(19, 10);
ALTER TABLE customer_order ADD COLUMN exchange_rate_date DATE;
ALTER TABLE customer_order ADD COLUMN vat_assessment_eur JSONB;
ALTER TABLE customer_order ADD CONSTRAINT customer_order_exchange_rate_check
    CHECK ((exchange_rate IS NULL) = (exchange_rate_date IS NULL) AND (exchange_rate IS NULL OR exchange_rate > 0));
