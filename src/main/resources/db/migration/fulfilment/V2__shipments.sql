-- Fulfilment after payment: carriers, shipments (parcels) of an order and what happened to them,
-- click & collect pickups, and the delivery deadline each paid order carries.

-- Carriers are data: a merchant adds one by inserting a row. {tracking} in the pattern is replaced by
-- the (URL-encoded) tracking number.
CREATE TABLE carrier
(
    code                  TEXT PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{0,31}$'),
    name                  TEXT NOT NULL,
    tracking_url_pattern  TEXT NOT NULL CHECK (tracking_url_pattern LIKE 'https://%{tracking}%'),
    position              INT  NOT NULL
);
INSERT INTO carrier (code, name, tracking_url_pattern, position)
VALUES ('colissimo', 'Colissimo', 'https://www.laposte.fr/outils/suivre-vos-envois?code={tracking}', 1),
       ('chronopost', 'Chronopost', 'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={tracking}', 2),
       ('mondial-relay', 'Mondial Relay', 'https://www.mondialrelay.fr/suivi-de-colis/?NumeroExpedition={tracking}', 3),
       ('dhl', 'DHL', 'https://www.dhl.com/fr-fr/home/tracking/tracking-parcel.html?submit=1&tracking-id={tracking}', 4),
       ('ups', 'UPS', 'https://www.ups.com/track?loc=fr_FR&tracknum={tracking}', 5);

-- One row per paid order: what fulfilment knows of it. Filled when the order is paid.
CREATE TABLE order_fulfilment
(
    order_number      TEXT PRIMARY KEY,
    email             TEXT        NOT NULL,
    locale            TEXT        NOT NULL,
    customer_name     TEXT        NOT NULL,
    click_and_collect BOOLEAN     NOT NULL,
    pickup_point      TEXT,
    paid_at           TIMESTAMPTZ NOT NULL,
    -- The announced estimate's latest date, else 30 days after the order (Code de la consommation L216-1).
    promised_date     DATE        NOT NULL,
    tracking_token    TEXT        NOT NULL UNIQUE,
    sms_phone         TEXT,
    pickup_code       TEXT,
    pickup_ready_at   TIMESTAMPTZ,
    delivered_at      TIMESTAMPTZ,
    late_flagged_at   TIMESTAMPTZ,
    late_cancelled_at TIMESTAMPTZ,
    refund_due_by     DATE,
    cancelled_at      TIMESTAMPTZ
);
CREATE INDEX order_fulfilment_open_idx ON order_fulfilment (promised_date) WHERE delivered_at IS NULL AND cancelled_at IS NULL;

-- The order's lines as fulfilment ships them.
CREATE TABLE order_line
(
    order_number TEXT NOT NULL REFERENCES order_fulfilment (order_number),
    position     INT  NOT NULL,
    sku          TEXT NOT NULL,
    title        TEXT NOT NULL,
    quantity     INT  NOT NULL CHECK (quantity > 0),
    shipped      INT  NOT NULL DEFAULT 0,
    PRIMARY KEY (order_number, position),
    CHECK (shipped >= 0 AND shipped <= quantity)
);

CREATE TABLE shipment
(
    id              UUID PRIMARY KEY,
    -- The order parcels were recorded in, even within one instant.
    sequence        BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    order_number    TEXT        NOT NULL REFERENCES order_fulfilment (order_number),
    carrier_code    TEXT        NOT NULL REFERENCES carrier (code),
    tracking_number TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')),
    shipped_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    UNIQUE (carrier_code, tracking_number)
);
CREATE INDEX shipment_order_idx ON shipment (order_number);

CREATE TABLE shipment_line
(
    shipment_id UUID NOT NULL REFERENCES shipment (id),
    position    INT  NOT NULL,
    quantity    INT  NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, position)
);

-- A shipment's history. A carrier's event id is kept so a replayed notification changes nothing.
CREATE TABLE shipment_event
(
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shipment_id UUID        NOT NULL REFERENCES shipment (id),
    status      TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    source      TEXT        NOT NULL CHECK (source IN ('STAFF', 'CARRIER')),
    external_id TEXT,
    detail      TEXT,
    recorded_at TIMESTAMPTZ NOT NULL,
    UNIQUE (shipment_id, external_id)
);
CREATE INDEX shipment_event_shipment_idx ON shipment_event (shipment_id, at);
