-- The catalog: what the shop sells, in French and English.

CREATE TABLE category
(
    id             UUID PRIMARY KEY,
    parent_id      UUID REFERENCES category (id),
    slug           TEXT NOT NULL UNIQUE,
    position       INT  NOT NULL DEFAULT 0,
    name_fr        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description_fr TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT ''
);
CREATE INDEX category_parent_idx ON category (parent_id);

CREATE TABLE brand
(
    id   UUID PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE product
(
    id               UUID PRIMARY KEY,
    slug             TEXT        NOT NULL UNIQUE,
    status           TEXT        NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    kind             TEXT        NOT NULL CHECK (kind IN ('NEW', 'SECOND_HAND')),
    category_id      UUID        NOT NULL REFERENCES category (id),
    brand_id         UUID REFERENCES brand (id),
    tax_category     TEXT        NOT NULL,
    title_fr         TEXT        NOT NULL,
    title_en         TEXT        NOT NULL,
    description_fr   TEXT        NOT NULL DEFAULT '',
    description_en   TEXT        NOT NULL DEFAULT '',
    meta_title       TEXT,
    meta_description TEXT,
    featured         BOOLEAN     NOT NULL DEFAULT FALSE,
    -- Second-hand items: their grade, what is wrong with them, and the new product they are a copy of.
    condition        TEXT CHECK (condition IN ('NEW_WITH_TAGS', 'VERY_GOOD', 'GOOD', 'FAIR')),
    defects_fr       TEXT,
    defects_en       TEXT,
    copy_of          UUID REFERENCES product (id),
    created_at       TIMESTAMPTZ NOT NULL,
    published_at     TIMESTAMPTZ,
    CHECK ((kind = 'SECOND_HAND') = (condition IS NOT NULL))
);
CREATE INDEX product_category_idx ON product (category_id) WHERE status = 'PUBLISHED';
CREATE INDEX product_copy_of_idx ON product (copy_of);
CREATE INDEX product_published_at_idx ON product (published_at DESC) WHERE status = 'PUBLISHED';

CREATE TABLE variant
(
    id           UUID PRIMARY KEY,
    product_id   UUID          NOT NULL REFERENCES product (id),
    sku          TEXT          NOT NULL UNIQUE,
    position     INT           NOT NULL DEFAULT 0,
    title_fr     TEXT          NOT NULL DEFAULT '',
    title_en     TEXT          NOT NULL DEFAULT '',
    price        NUMERIC(19, 4) NOT NULL CHECK (price >= 0),
    currency     CHAR(3)       NOT NULL,
    weight_grams INT CHECK (weight_grams >= 0),
    barcode      TEXT
);
CREATE INDEX variant_product_idx ON variant (product_id);

-- What a second-hand item cost and whom it was bought from: for margin-scheme VAT, never shown to customers.
CREATE TABLE acquisition
(
    product_id     UUID PRIMARY KEY REFERENCES product (id),
    purchase_price NUMERIC(19, 4) NOT NULL CHECK (purchase_price >= 0),
    currency       CHAR(3)       NOT NULL,
    seller_type    TEXT          NOT NULL CHECK (seller_type IN ('PRIVATE', 'MARGIN_SCHEME_DEALER', 'VAT_REGISTERED'))
);

CREATE TABLE attribute
(
    product_id UUID NOT NULL REFERENCES product (id),
    position   INT  NOT NULL,
    name_fr    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    value_fr   TEXT NOT NULL,
    value_en   TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
);
CREATE INDEX attribute_facet_idx ON attribute (name_fr, value_fr);

CREATE TABLE review
(
    id         UUID PRIMARY KEY,
    product_id UUID        NOT NULL REFERENCES product (id),
    author     TEXT        NOT NULL,
    rating     SMALLINT    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title      TEXT        NOT NULL DEFAULT '',
    body       TEXT        NOT NULL,
    locale     TEXT        NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED', 'REJECTED')),
    -- Only verified buyers may review: the order line that proves the purchase, once orders exist.
    order_reference TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX review_product_idx ON review (product_id, created_at DESC) WHERE status = 'PUBLISHED';

CREATE TABLE question
(
    id          UUID PRIMARY KEY,
    product_id  UUID        NOT NULL REFERENCES product (id),
    question    TEXT        NOT NULL,
    answer      TEXT,
    locale      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ
);
CREATE INDEX question_product_idx ON question (product_id) WHERE answer IS NOT NULL;

-- How often two products were bought together: fed by orders, seeded for the demo.
CREATE TABLE bought_together
(
    product_id UUID NOT NULL REFERENCES product (id),
    other_id   UUID NOT NULL REFERENCES product (id),
    count      INT  NOT NULL CHECK (count > 0),
    PRIMARY KEY (product_id, other_id)
);
