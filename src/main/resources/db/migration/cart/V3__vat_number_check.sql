-- What the check of the business buyer's VAT number answered (status, when, by whom, the consultation
-- number): the proof an exempt intra-Community supply needs, copied onto the order.
ALTER TABLE cart ADD COLUMN vat_number_check JSONB;
