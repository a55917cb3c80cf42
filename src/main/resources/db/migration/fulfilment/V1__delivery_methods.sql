-- Fulfilment: delivery methods, their price grids, and the merchant's stores for click & collect.
-- Amounts are numeric(19,4) VAT included, in the method's currency.

-- One row per delivery method. A new shop starts with four: home delivery, relay point,
-- click & collect and express, which the merchant adjusts (or switches off) in the back office.
CREATE TABLE delivery_method
(
    code                  TEXT PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{0,31}$'),
    kind                  TEXT          NOT NULL CHECK (kind IN ('HOME', 'RELAY', 'CLICK_AND_COLLECT', 'EXPRESS')),
    position              INT           NOT NULL,
    label_fr              TEXT          NOT NULL,
    label_en              TEXT          NOT NULL,
    active                BOOLEAN       NOT NULL,
    carrier               TEXT          NOT NULL,
    countries             TEXT[]        NOT NULL CHECK (cardinality(countries) > 0),
    currency              CHAR(3)       NOT NULL,
    free_above            NUMERIC(19, 4) CHECK (free_above >= 0),
    cut_off               TIME          NOT NULL,
    preparation_days      INT           NOT NULL CHECK (preparation_days >= 0),
    transit_days_min      INT           NOT NULL CHECK (transit_days_min >= 0),
    transit_days_max      INT           NOT NULL CHECK (transit_days_max >= transit_days_min),
    saturday_delivery     BOOLEAN       NOT NULL,
    pickup_point_required BOOLEAN       NOT NULL,
    updated_at            TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- The price grid of a method, in the order the merchant listed it (see PriceBand). A band without
-- a country is the default for every served country that has none of its own.
CREATE TABLE delivery_price_band
(
    method_code      TEXT           NOT NULL REFERENCES delivery_method (code) ON DELETE CASCADE,
    position         INT            NOT NULL,
    country          CHAR(2),
    max_weight_grams INT            NOT NULL CHECK (max_weight_grams > 0),
    min_goods_total  NUMERIC(19, 4) NOT NULL CHECK (min_goods_total >= 0),
    price            NUMERIC(19, 4) NOT NULL CHECK (price >= 0),
    PRIMARY KEY (method_code, position)
);

CREATE UNIQUE INDEX delivery_price_band_unique
    ON delivery_price_band (method_code, coalesce(country, ''), max_weight_grams, min_goods_total);

-- The merchant's stores where click & collect orders wait for the shopper. The two rows below are
-- examples for a new shop, to be replaced by the merchant's own (or click & collect switched off).
CREATE TABLE store
(
    id            TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    position      INT     NOT NULL,
    name          TEXT    NOT NULL,
    line1         TEXT    NOT NULL,
    postal_code   TEXT    NOT NULL,
    city          TEXT    NOT NULL,
    country       CHAR(2) NOT NULL,
    opening_hours TEXT    NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE
);

INSERT INTO delivery_method (code, kind, position, label_fr, label_en, active, carrier, countries, currency, free_above,
                             cut_off, preparation_days, transit_days_min, transit_days_max, saturday_delivery,
                             pickup_point_required)
VALUES ('home', 'HOME', 1, 'Livraison à domicile', 'Home delivery', TRUE, 'Colissimo',
        ARRAY ['FR', 'BE', 'LU', 'DE', 'NL', 'AT', 'ES', 'IT', 'PT', 'IE'], 'EUR', 60, '14:00', 1, 1, 3, TRUE, FALSE),
       ('relay', 'RELAY', 2, 'Livraison en point relais', 'Relay point delivery', TRUE, 'Mondial Relay',
        ARRAY ['FR', 'BE'], 'EUR', 45, '14:00', 1, 2, 4, FALSE, TRUE),
       ('collect', 'CLICK_AND_COLLECT', 3, 'Retrait en magasin', 'Click & collect in store', TRUE, 'Boucle',
        ARRAY ['FR'], 'EUR', NULL, '12:00', 0, 1, 2, TRUE, TRUE),
       ('express', 'EXPRESS', 4, 'Livraison express 24 h', 'Express delivery (24 h)', TRUE, 'Chronopost',
        ARRAY ['FR'], 'EUR', NULL, '12:00', 0, 1, 1, FALSE, FALSE);

INSERT INTO delivery_price_band (method_code, position, country, max_weight_grams, min_goods_total, price)
VALUES ('home', 1, 'FR', 500, 0, 4.95),
       ('home', 2, 'FR', 1000, 0, 6.95),
       ('home', 3, 'FR', 1000, 35, 4.95),
       ('home', 4, 'FR', 2000, 0, 7.95),
       ('home', 5, 'FR', 5000, 0, 11.95),
       ('home', 6, 'FR', 10000, 0, 16.95),
       ('home', 7, 'FR', 30000, 0, 26.95),
       ('home', 8, NULL, 500, 0, 9.95),
       ('home', 9, NULL, 1000, 0, 12.95),
       ('home', 10, NULL, 2000, 0, 14.95),
       ('home', 11, NULL, 5000, 0, 19.95),
       ('home', 12, NULL, 10000, 0, 29.95),
       ('home', 13, NULL, 30000, 0, 44.95),
       ('relay', 1, 'FR', 1000, 0, 3.95),
       ('relay', 2, 'FR', 2000, 0, 4.95),
       ('relay', 3, 'FR', 5000, 0, 6.95),
       ('relay', 4, 'FR', 10000, 0, 9.95),
       ('relay', 5, 'FR', 20000, 0, 13.95),
       ('relay', 6, NULL, 1000, 0, 5.95),
       ('relay', 7, NULL, 2000, 0, 7.95),
       ('relay', 8, NULL, 5000, 0, 10.95),
       ('relay', 9, NULL, 10000, 0, 14.95),
       ('relay', 10, NULL, 20000, 0, 19.95),
       ('collect', 1, 'FR', 30000, 0, 0),
       ('express', 1, 'FR', 1000, 0, 12.90),
       ('express', 2, 'FR', 5000, 0, 16.90),
       ('express', 3, 'FR', 10000, 0, 22.90),
       ('express', 4, 'FR', 30000, 0, 34.90);

INSERT INTO store (id, position, name, line1, postal_code, city, country, opening_hours)
VALUES ('paris-bastille', 1, 'Boucle Bastille', '14 rue des Artisans', '75011', 'Paris', 'FR',
        'Mar–sam 10:00–19:00'),
       ('lyon-part-dieu', 2, 'Boucle Part-Dieu', '3 place des Canuts', '69003', 'Lyon', 'FR',
        'Mar–sam 10:00–19:00');
