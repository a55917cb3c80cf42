-- The search index: one document per published product, fed by catalog events.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- Lower case without accents, declared immutable so it can be indexed ("Vélo" and "velo" meet).
CREATE FUNCTION simplify(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- French stemming on unaccented words: "chaussures" and "Chaussure" share a stem.
CREATE TEXT SEARCH CONFIGURATION fr (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION fr ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;

CREATE TABLE document
(
    slug          TEXT PRIMARY KEY,
    kind          TEXT           NOT NULL,
    category_path TEXT[]         NOT NULL,
    brand         TEXT,
    price         NUMERIC(19, 4) NOT NULL,
    title_fr      TEXT           NOT NULL,
    title_en      TEXT           NOT NULL,
    -- Titles simplified, for typo-tolerant matching by trigrams and for suggestions.
    title_simple  TEXT           NOT NULL,
    body          TSVECTOR       NOT NULL,
    published_at  TIMESTAMPTZ    NOT NULL
);
CREATE INDEX document_body_idx ON document USING gin (body);
CREATE INDEX document_title_trgm_idx ON document USING gin (title_simple public.gin_trgm_ops);
CREATE INDEX document_category_idx ON document USING gin (category_path);
