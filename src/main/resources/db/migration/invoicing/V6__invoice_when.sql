-- When an order is invoiced: when it is paid (the default) or when its goods leave the shop (first parcel
-- shipped, or collected in store).
ALTER TABLE merchant_settings
    ADD COLUMN invoice_when TEXT NOT NULL DEFAULT 'PAID' CHECK (invoice_when IN ('PAID', 'SHIPPED'));
