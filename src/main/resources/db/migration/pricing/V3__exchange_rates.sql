-- Reference exchange rates, effective-dated: how many units of a currency one euro buys, as published for a
-- day (the ECB's euro foreign exchange reference rates). A rate is in force from its date until the next.
CREATE TABLE exchange_rate
(
    currency    CHAR(3)        NOT NULL CHECK (currency ~ '^[A-Z]{3}$' AND currency <> 'EUR'),
    rate_date   DATE           NOT NULL,
    rate        NUMERIC(19, 8) NOT NULL CHECK (rate > 0),
    source      TEXT           NOT NULL,
    imported_at TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (currency, rate_date)
);
