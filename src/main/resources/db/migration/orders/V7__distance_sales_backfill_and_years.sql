-- The distance sales of the orders placed before they were counted (V6), for the current and the previous
-- calendar years (Europe/Paris), read from each order's stored VAT assessment (the euro one for an order in
-- another currency): what it added to the seller's EU distance sales to consumers (distanceSalesAddition).
-- Orders placed before the VAT assessment was stored (V3) have none and are not counted: see docs/tax.md.
INSERT INTO distance_sale (order_number, year, amount)
SELECT placed.number, placed.year, placed.amount
FROM (SELECT number,
             EXTRACT(YEAR FROM placed_at AT TIME ZONE 'Europe/Paris')::INT                                    AS year,
             (COALESCE(vat_assessment_eur, vat_assessment) -> 'distanceSalesAddition' ->> 'amount')::NUMERIC(19, 4) AS amount,
             COALESCE(vat_assessment_eur, vat_assessment) -> 'distanceSalesAddition' ->> 'currency'              AS currency
      FROM customer_order
      WHERE status <> 'CANCELLED'
        AND COALESCE(vat_assessment_eur, vat_assessment) IS NOT NULL) placed
WHERE placed.year >= EXTRACT(YEAR FROM now() AT TIME ZONE 'Europe/Paris')::INT - 1
  AND placed.amount > 0
  AND placed.currency = 'EUR'
ON CONFLICT (order_number) DO NOTHING;

-- The calendar years whose distance sales (orders not cancelled) went over the threshold: that year and the
-- next are taxed at destination. Inserted by the placement that takes the year over, under the year's advisory
-- lock; deleted by the cancellation that brings the year back to the threshold or under it, under the same lock.
-- Every node reads it, by key, at each placement of a distance sale.
CREATE TABLE distance_sales_year
(
    year       INT PRIMARY KEY,
    total      NUMERIC(19, 4) NOT NULL,
    crossed_at TIMESTAMPTZ    NOT NULL,
    crossed_by TEXT
);

-- The years already over the threshold (EUR 10,000 since 2021-07-01).
INSERT INTO distance_sales_year (year, total, crossed_at)
SELECT sale.year, SUM(sale.amount), now()
FROM distance_sale sale
         JOIN customer_order placed ON placed.number = sale.order_number
WHERE placed.status <> 'CANCELLED'
GROUP BY sale.year
HAVING SUM(sale.amount) > 10000;
