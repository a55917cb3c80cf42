-- One row per accepted return (fed by ReturnAccepted): the order it comes from, its kind
-- (withdrawal or conformity), the day it was accepted and how many units came back.
CREATE TABLE return_fact (
    return_id    text PRIMARY KEY,
    order_number text    NOT NULL,
    day          date    NOT NULL,
    kind         text    NOT NULL,
    units        int     NOT NULL
);
CREATE INDEX return_fact_order ON return_fact (order_number);

-- Per day of payment: the orders with at least one accepted return (the return rate's numerator).
ALTER TABLE daily_sales ADD COLUMN returned_orders int NOT NULL DEFAULT 0;

-- Rollups recomputed with these columns on the next refresh.
INSERT INTO dirty_day (day) SELECT DISTINCT day FROM order_fact ON CONFLICT DO NOTHING;
