-- Whether the information about the right of withdrawal (L221-5 2°: conditions, period, form) was given
-- for an order, and on which day (Europe/Paris). Recorded when the order's acknowledgment, which carries
-- it, is sent (the day the order was placed: the checkout showed it before); the staff may record that it
-- was not given, or was given later. Without it the withdrawal period is extended by 12 months (L221-20).
-- No row: given at the order, as the checkout always shows it.
CREATE TABLE withdrawal_information
(
    order_number TEXT PRIMARY KEY,
    given        BOOLEAN     NOT NULL,
    given_on     DATE,
    source       TEXT        NOT NULL CHECK (source IN ('ORDER_ACKNOWLEDGMENT', 'STAFF')),
    note         TEXT,
    recorded_at  TIMESTAMPTZ NOT NULL,
    recorded_by  TEXT,
    CHECK (given = (given_on IS NOT NULL))
);
