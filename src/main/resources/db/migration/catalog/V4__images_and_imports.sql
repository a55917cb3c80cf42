-- Product photos uploaded in the back office, stored in the database (so they survive restarts and
-- every node serves them), and CSV imports of products run in the background.

-- One uploaded picture, by the SHA-256 of its bytes: the same file uploaded twice is stored once.
CREATE TABLE image
(
    hash         TEXT PRIMARY KEY,
    content_type TEXT        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    width        INT         NOT NULL CHECK (width > 0),
    height       INT         NOT NULL CHECK (height > 0),
    created_at   TIMESTAMPTZ NOT NULL
);

-- Its sizes, made on upload: each served at /media/img/<hash>-<width>.<jpg|png>, never changed.
CREATE TABLE image_rendition
(
    hash   TEXT  NOT NULL REFERENCES image (hash),
    width  INT   NOT NULL CHECK (width > 0),
    height INT   NOT NULL CHECK (height > 0),
    bytes  BYTEA NOT NULL,
    PRIMARY KEY (hash, width)
);

-- A product's photos, in the order shown, each with its text alternative in French and English.
CREATE TABLE product_image
(
    id         UUID PRIMARY KEY,
    product_id UUID NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    hash       TEXT NOT NULL REFERENCES image (hash),
    position   INT  NOT NULL,
    alt_fr     TEXT NOT NULL CHECK (alt_fr <> ''),
    alt_en     TEXT NOT NULL CHECK (alt_en <> '')
);
CREATE INDEX product_image_product_idx ON product_image (product_id, position);

-- A CSV import: its progress and the problems of its rows, for the page that follows it.
CREATE TABLE product_import
(
    id          UUID PRIMARY KEY,
    file_name   TEXT        NOT NULL,
    started_by  TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    total_rows  INT         NOT NULL DEFAULT 0,
    done_rows   INT         NOT NULL DEFAULT 0,
    imported    INT         NOT NULL DEFAULT 0,
    failed      INT         NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);

CREATE TABLE product_import_error
(
    import_id UUID NOT NULL REFERENCES product_import (id),
    line      INT  NOT NULL,
    column_name TEXT NOT NULL,
    message   TEXT NOT NULL
);
CREATE INDEX product_import_error_idx ON product_import_error (import_id, line);
