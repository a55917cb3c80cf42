-- Products the right of withdrawal does not cover (Code de la consommation L221-28), and why: the shop
-- says so on the product page and at checkout, before the purchase. No row: the 14-day right applies.
CREATE TABLE withdrawal_exclusion
(
    product_id UUID PRIMARY KEY REFERENCES product (id),
    reason     TEXT        NOT NULL CHECK (reason IN ('PERSONALISED', 'PERISHABLE', 'SEALED_HYGIENE', 'SEALED_MEDIA',
                                                      'INSEPARABLY_MIXED')),
    set_at     TIMESTAMPTZ NOT NULL
);
