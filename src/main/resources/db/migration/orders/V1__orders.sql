-- The order module's schema is "orders": ORDER is a reserved word of SQL.
CREATE SEQUENCE order_number_seq;

CREATE TABLE customer_order
(
    number            TEXT PRIMARY KEY,
    status            TEXT           NOT NULL CHECK (status IN ('AWAITING_PAYMENT', 'PAID', 'PREPARING', 'SHIPPED',
                                                                'DELIVERED', 'CANCELLED', 'PARTIALLY_RETURNED', 'RETURNED')),
    cart_id           UUID           NOT NULL UNIQUE,
    idempotency_key   TEXT UNIQUE,
    request_hash      TEXT,
    access_token      TEXT           NOT NULL,
    email             TEXT           NOT NULL,
    locale            TEXT           NOT NULL,
    currency          CHAR(3)        NOT NULL,
    shipping_address  JSONB          NOT NULL,
    billing_address   JSONB          NOT NULL,
    company           JSONB,
    delivery          JSONB          NOT NULL,
    subtotal          NUMERIC(19, 4) NOT NULL,
    discount          NUMERIC(19, 4) NOT NULL,
    delivery_price    NUMERIC(19, 4) NOT NULL,
    total_vat         NUMERIC(19, 4) NOT NULL,
    total             NUMERIC(19, 4) NOT NULL CHECK (total >= 0),
    vat               JSONB          NOT NULL,
    promotions        JSONB          NOT NULL,
    payment_method    TEXT           NOT NULL,
    payment_deadline  TIMESTAMPTZ    NOT NULL,
    placed_at         TIMESTAMPTZ    NOT NULL,
    paid_at           TIMESTAMPTZ,
    cancelled_at      TIMESTAMPTZ,
    cancel_reason     TEXT,
    customer_id       UUID
);
CREATE INDEX customer_order_placed_idx ON customer_order (placed_at DESC);
CREATE INDEX customer_order_status_idx ON customer_order (status, placed_at DESC);
CREATE INDEX customer_order_email_idx ON customer_order (lower(email), placed_at DESC);
CREATE INDEX customer_order_unpaid_idx ON customer_order (payment_deadline) WHERE status = 'AWAITING_PAYMENT';

CREATE TABLE line
(
    order_number TEXT           NOT NULL REFERENCES customer_order (number),
    position     INT            NOT NULL,
    sku          TEXT           NOT NULL,
    product_slug TEXT           NOT NULL,
    title        TEXT           NOT NULL,
    quantity     INT            NOT NULL CHECK (quantity > 0),
    unit_price   NUMERIC(19, 4) NOT NULL,
    discount     NUMERIC(19, 4) NOT NULL,
    total        NUMERIC(19, 4) NOT NULL,
    vat_rate     NUMERIC(7, 4)  NOT NULL,
    second_hand  BOOLEAN        NOT NULL,
    PRIMARY KEY (order_number, position)
);

-- What happened to an order, for the back office's timeline.
CREATE TABLE timeline
(
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_number TEXT        NOT NULL REFERENCES customer_order (number),
    at           TIMESTAMPTZ NOT NULL,
    kind         TEXT        NOT NULL,
    detail       TEXT
);
CREATE INDEX timeline_order_idx ON timeline (order_number, at);
