-- Promotions, their uses, and the price history behind every announced reduction.

CREATE TABLE promotion (
    id                 uuid PRIMARY KEY,
    -- upper case; null for an automatic promotion
    code               varchar(32) UNIQUE,
    label_fr           varchar(200) NOT NULL,
    label_en           varchar(200) NOT NULL,
    kind               varchar(20) NOT NULL CHECK (kind IN ('PERCENTAGE', 'FIXED_AMOUNT', 'FREE_DELIVERY', 'BUY_X_GET_Y', 'TIERED_SPEND')),
    percent            numeric(5, 2) CHECK (percent > 0 AND percent <= 100),
    amount             numeric(19, 4) CHECK (amount > 0),
    currency           char(3) NOT NULL,
    buy_quantity       integer CHECK (buy_quantity > 0),
    free_quantity      integer CHECK (free_quantity > 0),
    category_slug      varchar(120),
    skus               text[] NOT NULL DEFAULT '{}',
    minimum_subtotal   numeric(19, 4) CHECK (minimum_subtotal >= 0),
    valid_from         timestamptz,
    valid_until        timestamptz,
    usage_limit        integer CHECK (usage_limit > 0),
    per_customer_limit integer CHECK (per_customer_limit > 0),
    combinable         boolean NOT NULL,
    priority           integer NOT NULL,
    active             boolean NOT NULL DEFAULT TRUE,
    -- orders that used it, releases deducted; raised only by a conditional update under the limit
    uses               integer NOT NULL DEFAULT 0 CHECK (uses >= 0),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until)
);

CREATE TABLE promotion_tier (
    promotion_id uuid NOT NULL REFERENCES promotion (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    threshold    numeric(19, 4) NOT NULL CHECK (threshold > 0),
    discount     numeric(19, 4) NOT NULL CHECK (discount > 0),
    PRIMARY KEY (promotion_id, position)
);

-- How often each customer (by email, lower case) used a promotion; the row is the lock that keeps
-- a per-customer limit under concurrent orders.
CREATE TABLE customer_usage (
    promotion_id   uuid NOT NULL REFERENCES promotion (id),
    customer_email varchar(320) NOT NULL,
    uses           integer NOT NULL CHECK (uses >= 0),
    PRIMARY KEY (promotion_id, customer_email)
);

CREATE TABLE redemption (
    order_reference varchar(100) NOT NULL,
    promotion_id    uuid NOT NULL REFERENCES promotion (id),
    customer_email  varchar(320) NOT NULL,
    amount          numeric(19, 4) NOT NULL,
    currency        char(3) NOT NULL,
    redeemed_at     timestamptz NOT NULL,
    released_at     timestamptz,
    PRIMARY KEY (order_reference, promotion_id)
);

CREATE INDEX redemption_by_promotion ON redemption (promotion_id);

-- A SKU's selling price (VAT included) from effective_from on; a row is added only when the price changes.
CREATE TABLE price_history (
    sku            varchar(64) NOT NULL,
    effective_from timestamptz NOT NULL,
    price          numeric(19, 4) NOT NULL CHECK (price >= 0),
    currency       char(3) NOT NULL,
    PRIMARY KEY (sku, effective_from)
);
