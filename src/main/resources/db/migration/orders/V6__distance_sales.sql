-- What each order adds to the seller's EU distance sales to consumers (goods sent from France to another
-- member state), excl. VAT, in EUR, by calendar year in Europe/Paris: written when the order is placed, for
-- those orders only, never updated. A year's total is the sum over its orders that are not cancelled.
CREATE TABLE distance_sale
(
    order_number TEXT PRIMARY KEY REFERENCES customer_order (number),
    year         INT            NOT NULL,
    amount       NUMERIC(19, 4) NOT NULL CHECK (amount > 0)
);
CREATE INDEX distance_sale_year_idx ON distance_sale (year);
