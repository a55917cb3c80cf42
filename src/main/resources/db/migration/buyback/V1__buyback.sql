-- Buying second-hand items back from customers: the quote grid, the offers and their photos, the
-- payouts, the purchase slips and the dealers' register (registre des objets mobiliers).

-- The indicative quote: what the shop pays for an item of a category, in a condition, of an age.
-- A category without a row takes its parent's.
CREATE TABLE quote_grid
(
    category_slug TEXT          NOT NULL,
    condition     TEXT          NOT NULL CHECK (condition IN ('NEW_WITH_TAGS', 'VERY_GOOD', 'GOOD', 'FAIR')),
    age_band      TEXT          NOT NULL CHECK (age_band IN ('UNDER_1_YEAR', 'YEARS_1_TO_3', 'YEARS_3_TO_5', 'OVER_5_YEARS')),
    amount        NUMERIC(19, 4) NOT NULL CHECK (amount >= 0),
    currency      CHAR(3)       NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL,
    updated_by    TEXT,
    PRIMARY KEY (category_slug, condition, age_band)
);

CREATE SEQUENCE offer_reference_seq;

CREATE TABLE offer
(
    id                UUID PRIMARY KEY,
    reference         TEXT          NOT NULL UNIQUE,
    customer_id       UUID          NOT NULL,
    status            TEXT          NOT NULL CHECK (status IN ('AWAITING_ITEM', 'RECEIVED', 'OFFER_MADE', 'ACCEPTED',
                                                               'DECLINED', 'RETURNED', 'RELISTED')),
    category_slug     TEXT          NOT NULL,
    brand             TEXT          NOT NULL,
    description       TEXT          NOT NULL,
    declared_condition TEXT         NOT NULL,
    purchase_year     INT           NOT NULL,
    quote             NUMERIC(19, 4),
    currency          CHAR(3)       NOT NULL,
    hand_over         TEXT          NOT NULL CHECK (hand_over IN ('SHIP', 'STORE')),
    created_at        TIMESTAMPTZ   NOT NULL,
    received_at       TIMESTAMPTZ,
    received_by       TEXT,
    graded_condition  TEXT,
    inspection_notes  TEXT,
    final_offer       NUMERIC(19, 4) CHECK (final_offer > 0),
    offered_at        TIMESTAMPTZ,
    offered_by        TEXT,
    decided_at        TIMESTAMPTZ,
    returned_at       TIMESTAMPTZ,
    returned_by       TEXT,
    product_slug      TEXT,
    relisted_at       TIMESTAMPTZ,
    relisted_by       TEXT
);
CREATE INDEX offer_customer_idx ON offer (customer_id, created_at DESC);
CREATE INDEX offer_status_idx ON offer (status, created_at);

CREATE TABLE photo
(
    offer_id     UUID    NOT NULL REFERENCES offer (id),
    position     INT     NOT NULL,
    content_type TEXT    NOT NULL,
    content      BYTEA   NOT NULL,
    PRIMARY KEY (offer_id, position)
);

-- What the seller is paid, once they accept: store credit (a gift card code with a bonus) or a
-- transfer to their IBAN, recorded as due until the accountant pays it.
CREATE TABLE payout
(
    offer_id     UUID PRIMARY KEY REFERENCES offer (id),
    method       TEXT          NOT NULL CHECK (method IN ('STORE_CREDIT', 'BANK_TRANSFER')),
    price        NUMERIC(19, 4) NOT NULL CHECK (price > 0),
    bonus        NUMERIC(19, 4) NOT NULL CHECK (bonus >= 0),
    credited     NUMERIC(19, 4) NOT NULL CHECK (credited > 0),
    currency     CHAR(3)       NOT NULL,
    gift_card    TEXT,
    iban         TEXT,
    status       TEXT          NOT NULL CHECK (status IN ('DUE', 'PAID')),
    created_at   TIMESTAMPTZ   NOT NULL,
    paid_at      TIMESTAMPTZ,
    CHECK ((method = 'BANK_TRANSFER') = (iban IS NOT NULL)),
    CHECK ((method = 'STORE_CREDIT') = (gift_card IS NOT NULL))
);

-- The dealers' register (Code pénal art. 321-7, R321-3): one line per purchase, numbered in
-- chronological order without gaps, with the seller's identity and identity document, the item, its
-- price and the method of payment. Lines are never changed nor deleted.
CREATE TABLE register_counter
(
    id   INT PRIMARY KEY CHECK (id = 1),
    last BIGINT NOT NULL
);
INSERT INTO register_counter (id, last) VALUES (1, 0);

CREATE TABLE register_entry
(
    number            BIGINT PRIMARY KEY,
    entered_at        TIMESTAMPTZ   NOT NULL,
    offer_id          UUID          NOT NULL UNIQUE REFERENCES offer (id),
    offer_reference   TEXT          NOT NULL,
    description       TEXT          NOT NULL,
    seller_last_name  TEXT          NOT NULL,
    seller_first_names TEXT         NOT NULL,
    seller_address    TEXT          NOT NULL,
    id_document_kind  TEXT          NOT NULL,
    id_document_number TEXT         NOT NULL,
    id_document_issued_on DATE      NOT NULL,
    id_document_authority TEXT      NOT NULL,
    price             NUMERIC(19, 4) NOT NULL CHECK (price > 0),
    currency          CHAR(3)       NOT NULL,
    payment_method    TEXT          NOT NULL
);

-- The purchase slip given to the seller, stored as made.
CREATE TABLE slip
(
    offer_id   UUID PRIMARY KEY REFERENCES offer (id),
    pdf        BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION refuse_change_to_register() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'the dealers'' register is kept as written: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER register_entry_immutable BEFORE UPDATE OR DELETE ON register_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_register();
CREATE TRIGGER register_entry_not_truncated BEFORE TRUNCATE ON register_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_register();

-- Items sold per category, from paid orders: the demand that adjusts a relisted item's suggested price.
CREATE TABLE category_sale
(
    order_number  TEXT        NOT NULL,
    sku           TEXT        NOT NULL,
    category_slug TEXT        NOT NULL,
    quantity      INT         NOT NULL,
    paid_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (order_number, sku)
);
CREATE INDEX category_sale_idx ON category_sale (category_slug, paid_at);
