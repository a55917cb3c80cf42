-- What shoppers bring to each other: the paid orders already counted as co-purchases, the addresses
-- waiting for the answer to a question, and how many questions each client address asked lately.

-- A paid order counts once in the co-purchases, however often its event is delivered.
CREATE TABLE co_purchase_order
(
    order_number TEXT PRIMARY KEY,
    recorded_at  TIMESTAMPTZ NOT NULL
);

-- Where to send the answer to a question; the row goes once the answer is sent.
CREATE TABLE question_follower
(
    question_id UUID PRIMARY KEY,
    email       TEXT        NOT NULL,
    locale      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- Questions asked per client address (hashed) in the current window, against spam.
CREATE TABLE question_throttle
(
    subject      TEXT PRIMARY KEY,
    asked        INT         NOT NULL,
    window_start TIMESTAMPTZ NOT NULL
);
