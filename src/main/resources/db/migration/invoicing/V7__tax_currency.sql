-- Documents in another currency than the euro (canonical form version 4): the reference rate the order was
-- converted at (one euro buys exchange_rate units of the document's currency, as published for
-- exchange_rate_date) and the VAT total in euros (EN 16931 BT-111, with BT-6 TaxCurrencyCode EUR). All three
-- are empty on documents in euros. Adding nullable columns rewrites no issued row: the triggers are not fired.
ALTER TABLE document
    ADD COLUMN exchange_rate NUMERIC(19, 10),
    ADD COLUMN exchange_rate_date DATE,
    ADD COLUMN vat_total_eur NUMERIC(19, 4),
    ADD CONSTRAINT document_tax_currency CHECK (
        (exchange_rate IS NULL AND exchange_rate_date IS NULL AND vat_total_eur IS NULL)
        OR (exchange_rate > 0 AND exchange_rate_date IS NOT NULL AND vat_total_eur IS NOT NULL AND currency <> 'EUR'));
