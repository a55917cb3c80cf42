-- Raw storefront events, written in batches (COPY) by the ingestion buffer. Partitioned by month
-- (partitions are created ahead by the rollup job; anything else lands in the default partition).
CREATE TABLE event (
    at           timestamptz NOT NULL,
    day          date        NOT NULL,
    type         text        NOT NULL,
    visitor_id   uuid        NOT NULL,
    session_id   uuid        NOT NULL,
    channel      text        NOT NULL,
    page         text,
    referrer     text,
    utm_source   text,
    utm_medium   text,
    utm_campaign text,
    subject      text
) PARTITION BY RANGE (day);
CREATE TABLE event_default PARTITION OF event DEFAULT;
CREATE INDEX event_day ON event (day);

-- Which tracked session and visitor placed an order, with the channels of its first and last touch.
CREATE TABLE order_touch (
    order_number  text PRIMARY KEY,
    visitor_id    uuid        NOT NULL,
    session_id    uuid        NOT NULL,
    first_channel text        NOT NULL,
    last_channel  text        NOT NULL,
    at            timestamptz NOT NULL
);

-- One row per paid order (fed by OrderPaid; refunds by PaymentRefunded).
CREATE TABLE order_fact (
    order_number       text PRIMARY KEY,
    paid_at            timestamptz   NOT NULL,
    day                date          NOT NULL,
    customer_key       text          NOT NULL,
    new_customer       boolean       NOT NULL,
    session_id         uuid,
    first_channel      text          NOT NULL,
    last_channel       text          NOT NULL,
    total              numeric(14,2) NOT NULL,
    vat                numeric(14,2) NOT NULL,
    second_hand_total  numeric(14,2) NOT NULL,
    second_hand_margin numeric(14,2) NOT NULL,
    refunded           numeric(14,2) NOT NULL DEFAULT 0
);
CREATE INDEX order_fact_day ON order_fact (day);
CREATE INDEX order_fact_customer ON order_fact (customer_key, paid_at);

CREATE TABLE order_line_fact (
    order_number text          NOT NULL,
    day          date          NOT NULL,
    product_slug text          NOT NULL,
    title        text          NOT NULL,
    quantity     int           NOT NULL,
    total        numeric(14,2) NOT NULL,
    second_hand  boolean       NOT NULL
);
CREATE INDEX order_line_fact_order ON order_line_fact (order_number);

-- One row per customer (a hash of the email address: no personal data here).
CREATE TABLE customer_fact (
    customer_key   text PRIMARY KEY,
    first_order_at timestamptz   NOT NULL,
    first_day      date          NOT NULL,
    first_channel  text          NOT NULL,
    orders         int           NOT NULL,
    revenue_excl   numeric(14,2) NOT NULL
);
CREATE INDEX customer_fact_first_day ON customer_fact (first_day);

-- One row per payment attempt once it has an outcome (fed by PaymentCaptured/PaymentFailed).
CREATE TABLE payment_fact (
    payment_id   text PRIMARY KEY,
    day          date    NOT NULL,
    method       text    NOT NULL,
    captured     boolean NOT NULL,
    decline_code text,
    challenged   boolean NOT NULL
);
CREATE INDEX payment_fact_day ON payment_fact (day);

-- Marketing spend per channel per day, excl. VAT, in EUR.
CREATE TABLE spend (
    day     date          NOT NULL,
    channel text          NOT NULL,
    amount  numeric(14,2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (day, channel)
);

-- Days whose rollups must be recomputed.
CREATE TABLE dirty_day (
    day date PRIMARY KEY
);

-- Rollups: what the dashboard reads.
CREATE TABLE daily_traffic (
    day              date NOT NULL,
    channel          text NOT NULL,
    visitors         int  NOT NULL,
    sessions         int  NOT NULL,
    product_views    int  NOT NULL,
    searches         int  NOT NULL,
    s_product        int  NOT NULL,
    s_add_to_cart    int  NOT NULL,
    s_cart           int  NOT NULL,
    s_details        int  NOT NULL,
    s_confirm        int  NOT NULL,
    s_placed         int  NOT NULL,
    s_paid           int  NOT NULL,
    PRIMARY KEY (day, channel)
);

-- Distinct visitors per day, whatever the channel of their sessions.
CREATE TABLE daily_visitors (
    day      date PRIMARY KEY,
    visitors int  NOT NULL
);

CREATE TABLE daily_sales (
    day                date          NOT NULL,
    first_channel      text          NOT NULL,
    last_channel       text          NOT NULL,
    orders             int           NOT NULL,
    new_customers      int           NOT NULL,
    refunded_orders    int           NOT NULL,
    total              numeric(16,2) NOT NULL,
    vat                numeric(16,2) NOT NULL,
    second_hand_total  numeric(16,2) NOT NULL,
    second_hand_margin numeric(16,2) NOT NULL,
    PRIMARY KEY (day, first_channel, last_channel)
);

CREATE TABLE daily_payments (
    day        date NOT NULL,
    method     text NOT NULL,
    attempts   int  NOT NULL,
    captured   int  NOT NULL,
    challenged int  NOT NULL,
    PRIMARY KEY (day, method)
);

CREATE TABLE daily_declines (
    day          date NOT NULL,
    decline_code text NOT NULL,
    attempts     int  NOT NULL,
    PRIMARY KEY (day, decline_code)
);

CREATE TABLE daily_products (
    day          date          NOT NULL,
    product_slug text          NOT NULL,
    title        text          NOT NULL,
    quantity     int           NOT NULL,
    total        numeric(16,2) NOT NULL,
    PRIMARY KEY (day, product_slug)
);

-- Customers per day of first order and first-touch channel, with their orders and revenue excl. VAT
-- to date and how many ordered at least twice (a new order marks its customer's first day dirty).
CREATE TABLE daily_customers (
    first_day     date          NOT NULL,
    first_channel text          NOT NULL,
    customers     int           NOT NULL,
    orders        int           NOT NULL,
    revenue_excl  numeric(16,2) NOT NULL,
    repeaters     int           NOT NULL,
    PRIMARY KEY (first_day, first_channel)
);

-- Retention: customers of the cohort of month `cohort` (their first order) who ordered in `month`;
-- kept as orders are recorded.
CREATE TABLE cohort_activity (
    cohort    date NOT NULL,
    month     date NOT NULL,
    customers int  NOT NULL,
    PRIMARY KEY (cohort, month)
);
