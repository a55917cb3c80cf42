-- Payments: one row per attempt with its outcome (the payment-success figures read them), the
-- instalment schedules, refunds, and the shop's own gift cards. Amounts are numeric(19,4) in the
-- payment's currency. No card number is ever stored: only the brand and the last four digits.

CREATE TABLE payment
(
    id                 UUID PRIMARY KEY,
    -- the order attempts were made in, when the clock gives two the same instant
    attempt            BIGINT GENERATED ALWAYS AS IDENTITY,
    reference          TEXT           NOT NULL,
    provider           TEXT           NOT NULL,
    method             TEXT           NOT NULL,
    status             TEXT           NOT NULL CHECK (status IN ('PROCESSING', 'REQUIRES_ACTION', 'CAPTURED', 'FAILED',
                                                                 'CANCELLED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
    amount             NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    currency           CHAR(3)        NOT NULL,
    refunded           NUMERIC(19, 4) NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
    decline_code       TEXT,
    -- true once the shopper was asked to authenticate (3-D Secure challenge), false when frictionless
    challenged         BOOLEAN        NOT NULL DEFAULT FALSE,
    card_brand         TEXT,
    card_last4         TEXT CHECK (card_last4 ~ '^[0-9]{4}$'),
    gift_card_code     TEXT,
    provider_reference TEXT,
    redirect_url       TEXT,
    return_url         TEXT,
    idempotency_key    TEXT           NOT NULL UNIQUE,
    created_at         TIMESTAMPTZ    NOT NULL,
    updated_at         TIMESTAMPTZ    NOT NULL
);

CREATE INDEX payment_by_reference ON payment (reference, attempt);
CREATE INDEX payment_by_creation ON payment (created_at);
CREATE UNIQUE INDEX payment_by_provider_reference ON payment (provider, provider_reference)
    WHERE provider_reference IS NOT NULL;

-- What the shopper owes the provider, month by month, for a payment in instalments.
CREATE TABLE instalment
(
    payment_id UUID           NOT NULL REFERENCES payment (id),
    number     INT            NOT NULL CHECK (number >= 1),
    due_date   DATE           NOT NULL,
    amount     NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    PRIMARY KEY (payment_id, number)
);

CREATE TABLE refund
(
    id                 UUID PRIMARY KEY,
    payment_id         UUID           NOT NULL REFERENCES payment (id),
    amount             NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    currency           CHAR(3)        NOT NULL,
    -- PENDING while the provider is asked; a PENDING refund already counts against the captured amount
    status             TEXT           NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    provider_reference TEXT,
    failure            TEXT,
    idempotency_key    TEXT           NOT NULL UNIQUE,
    created_at         TIMESTAMPTZ    NOT NULL,
    updated_at         TIMESTAMPTZ    NOT NULL
);

CREATE INDEX refund_by_payment ON refund (payment_id);

CREATE TABLE gift_card
(
    code       TEXT PRIMARY KEY,
    balance    NUMERIC(19, 4) NOT NULL CHECK (balance >= 0),
    currency   CHAR(3)        NOT NULL,
    created_at TIMESTAMPTZ    NOT NULL
);
