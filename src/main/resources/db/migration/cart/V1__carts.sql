-- Carts of guests (addressed by their unguessable id) and customers.
CREATE TABLE cart
(
    id               UUID PRIMARY KEY,
    status           TEXT        NOT NULL CHECK (status IN ('OPEN', 'ORDERED')),
    currency         CHAR(3)     NOT NULL,
    country          CHAR(2)     NOT NULL,
    locale           TEXT        NOT NULL,
    email            TEXT,
    shipping_address JSONB,
    billing_address  JSONB,
    company          JSONB,
    delivery_code    TEXT,
    pickup_point_id  TEXT,
    discount_codes   TEXT[]      NOT NULL DEFAULT '{}',
    -- The payment method chosen at the details step: card, wallet, instalments-3, instalments-4, giftcard.
    payment_method   TEXT,
    gift_card_code   TEXT,
    customer_id      UUID,
    order_reference  TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    last_activity_at TIMESTAMPTZ NOT NULL
);
-- Abandoned-cart reminders look for open carts with an email, idle for a while.
CREATE INDEX cart_idle_idx ON cart (last_activity_at) WHERE status = 'OPEN';
CREATE INDEX cart_customer_idx ON cart (customer_id) WHERE status = 'OPEN';

CREATE TABLE line
(
    id       UUID PRIMARY KEY,
    cart_id  UUID        NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    sku      TEXT        NOT NULL,
    quantity INT         NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    added_at TIMESTAMPTZ NOT NULL,
    UNIQUE (cart_id, sku)
);
