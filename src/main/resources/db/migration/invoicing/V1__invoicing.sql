-- Invoicing: the merchant's settings, numbering series, issued documents and their hash chain.
-- Amounts are numeric(19,4) in the document's currency (one per document); rates numeric(7,4) percent.

-- The one row of merchant settings. The defaults describe the fictitious demo company of the
-- storefront's legal pages; confirmed_at stays empty until an owner saves the settings (or the demo
-- seeder confirms them in a demo shop), and no invoice is issued before: a real shop must never
-- issue an invoice in the demo company's name.
CREATE TABLE merchant_settings
(
    id                     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    legal_name             TEXT          NOT NULL,
    legal_form             TEXT          NOT NULL,
    address_line1          TEXT          NOT NULL,
    address_line2          TEXT,
    postal_code            TEXT          NOT NULL,
    city                   TEXT          NOT NULL,
    country                CHAR(2)       NOT NULL,
    siren                  CHAR(9)       NOT NULL,
    siret                  CHAR(14)      NOT NULL,
    vat_number             TEXT          NOT NULL,
    rcs                    TEXT          NOT NULL,
    share_capital          NUMERIC(19, 4),
    vat_on_debits          BOOLEAN       NOT NULL,
    payment_terms          TEXT          NOT NULL,
    payment_term_days      INT           NOT NULL,
    early_payment_discount TEXT          NOT NULL,
    late_payment_penalties TEXT          NOT NULL,
    recovery_indemnity     TEXT          NOT NULL,
    invoice_prefix         TEXT          NOT NULL,
    credit_note_prefix     TEXT          NOT NULL,
    confirmed_at           TIMESTAMPTZ,
    updated_at             TIMESTAMPTZ   NOT NULL DEFAULT now()
);

INSERT INTO merchant_settings (legal_name, legal_form, address_line1, postal_code, city, country, siren, siret,
                               vat_number, rcs, share_capital, vat_on_debits, payment_terms, payment_term_days,
                               early_payment_discount, late_payment_penalties, recovery_indemnity,
                               invoice_prefix, credit_note_prefix)
VALUES ('Boucle Démo SAS', 'SAS (société par actions simplifiée)', '12 rue des Artisans', '75011', 'Paris', 'FR',
        '912345675', '91234567500017', 'FR65912345675', 'RCS Paris 912 345 675', 10000, FALSE,
        'Payée à la commande.', 0,
        'Pas d''escompte pour paiement anticipé.',
        'Tout retard de paiement entraîne des pénalités au taux de refinancement de la BCE majoré de 10 points '
            || '(Code de commerce, art. L441-10).',
        'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 € '
            || '(Code de commerce, art. L441-10 et D441-5).',
        'F', 'AV');

-- One counter per series: a prefix and a year. Incremented in the transaction that inserts the
-- document it numbers, so a rollback gives the number back (see Numbering).
CREATE TABLE series
(
    prefix        TEXT   NOT NULL,
    year          INT    NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    document_type TEXT   NOT NULL CHECK (document_type IN ('INVOICE', 'CREDIT_NOTE')),
    last_number   BIGINT NOT NULL CHECK (last_number >= 1),
    PRIMARY KEY (prefix, year)
);

-- The head of the hash chain over issued documents: locked by every issue (see HashChain).
CREATE TABLE chain_head
(
    id       BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    position BIGINT  NOT NULL CHECK (position >= 0),
    hash     CHAR(64) NOT NULL
);
INSERT INTO chain_head (position, hash) VALUES (0, repeat('0', 64));

-- Issued invoices and credit notes. Only final documents are stored; none is ever updated or
-- deleted (triggers below). The seller is a copy of the settings at issue time.
CREATE TABLE document
(
    id                    UUID PRIMARY KEY,
    number                TEXT          NOT NULL UNIQUE CHECK (number ~ '^[A-Za-z0-9+_/-]{1,35}$'),
    series                TEXT          NOT NULL,
    sequence              BIGINT        NOT NULL CHECK (sequence >= 1),
    document_type         TEXT          NOT NULL CHECK (document_type IN ('INVOICE', 'CREDIT_NOTE')),
    chain_position        BIGINT        NOT NULL UNIQUE CHECK (chain_position >= 1),
    hash                  CHAR(64)      NOT NULL,
    canonical_version     SMALLINT      NOT NULL,
    issue_date            DATE          NOT NULL,
    issued_at             TIMESTAMPTZ   NOT NULL,
    order_reference       TEXT          NOT NULL,
    currency              CHAR(3)       NOT NULL,
    operation_category    TEXT          NOT NULL,
    delivery_date         DATE,
    due_date              DATE          NOT NULL,
    seller_legal_name     TEXT          NOT NULL,
    seller_legal_form     TEXT          NOT NULL,
    seller_line1          TEXT          NOT NULL,
    seller_line2          TEXT,
    seller_postal_code    TEXT          NOT NULL,
    seller_city           TEXT          NOT NULL,
    seller_country        CHAR(2)       NOT NULL,
    seller_siren          CHAR(9)       NOT NULL,
    seller_siret          CHAR(14)      NOT NULL,
    seller_vat_number     TEXT          NOT NULL,
    seller_rcs            TEXT          NOT NULL,
    seller_share_capital  NUMERIC(19, 4),
    buyer_name            TEXT          NOT NULL,
    buyer_company_name    TEXT,
    buyer_line1           TEXT          NOT NULL,
    buyer_line2           TEXT,
    buyer_postal_code     TEXT          NOT NULL,
    buyer_city            TEXT          NOT NULL,
    buyer_country         CHAR(2)       NOT NULL,
    buyer_siren           CHAR(9),
    buyer_vat_number      TEXT,
    delivery_line1        TEXT,
    delivery_line2        TEXT,
    delivery_postal_code  TEXT,
    delivery_city         TEXT,
    delivery_country      CHAR(2),
    total_excl_vat        NUMERIC(19, 4) NOT NULL,
    total_vat             NUMERIC(19, 4) NOT NULL,
    total_incl_vat        NUMERIC(19, 4) NOT NULL,
    rounding_amount       NUMERIC(19, 4) NOT NULL,
    amount_payable        NUMERIC(19, 4) NOT NULL,
    original_document_id  UUID REFERENCES document (id),
    original_number       TEXT,
    original_issue_date   DATE,
    credit_reason         TEXT,
    UNIQUE (series, sequence),
    CHECK ((document_type = 'CREDIT_NOTE') = (original_document_id IS NOT NULL)),
    CHECK (total_excl_vat + total_vat = total_incl_vat),
    CHECK (total_incl_vat + rounding_amount = amount_payable)
);
CREATE INDEX document_order_idx ON document (order_reference);
-- One invoice per order: a redelivered "order paid" event finds the invoice already issued.
CREATE UNIQUE INDEX document_one_invoice_per_order ON document (order_reference) WHERE document_type = 'INVOICE';

CREATE TABLE document_line
(
    document_id          UUID           NOT NULL REFERENCES document (id),
    line_number          INT            NOT NULL CHECK (line_number >= 1),
    kind                 TEXT           NOT NULL,
    item_reference       TEXT,
    description          TEXT           NOT NULL,
    quantity             INT            NOT NULL CHECK (quantity >= 1),
    unit_price_excl_vat  NUMERIC(19, 4) NOT NULL,
    vat_rate             NUMERIC(7, 4)  NOT NULL,
    vat_category         TEXT           NOT NULL,
    exemption_reason     TEXT,
    vat_regime           TEXT           NOT NULL,
    tax_country          TEXT,
    total_excl_vat       NUMERIC(19, 4) NOT NULL,
    total_vat            NUMERIC(19, 4) NOT NULL,
    total_incl_vat       NUMERIC(19, 4) NOT NULL,
    credited_document_id UUID REFERENCES document (id),
    credited_line        INT,
    PRIMARY KEY (document_id, line_number),
    CHECK ((credited_document_id IS NULL) = (credited_line IS NULL))
);
-- An invoice line is credited at most once.
CREATE UNIQUE INDEX document_line_credited_once ON document_line (credited_document_id, credited_line)
    WHERE credited_document_id IS NOT NULL;

CREATE TABLE document_vat
(
    document_id      UUID           NOT NULL REFERENCES document (id),
    position         INT            NOT NULL CHECK (position >= 1),
    category         TEXT           NOT NULL,
    rate             NUMERIC(7, 4)  NOT NULL,
    exemption_reason TEXT,
    exemption_text   TEXT,
    taxable_amount   NUMERIC(19, 4) NOT NULL,
    vat_amount       NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (document_id, position)
);

CREATE TABLE document_mention
(
    document_id UUID NOT NULL REFERENCES document (id),
    position    INT  NOT NULL CHECK (position >= 1),
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);

-- An issued document is never edited or deleted (CGI art. 289 VII: integrity from issue to the end of
-- retention); corrections are credit notes. The hash chain proves it afterwards; these triggers
-- refuse it up front, whatever the client. TRUNCATE fires no row trigger, hence its own.
-- (The table owner can still disable a trigger: in production, run the application as a role that
-- does not own the schema.)
CREATE FUNCTION refuse_change_to_issued_document() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'issued invoicing documents are immutable: % on %.% refused; issue a credit note instead',
        TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER document_immutable BEFORE UPDATE OR DELETE ON document
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_issued_document();
CREATE TRIGGER document_not_truncated BEFORE TRUNCATE ON document
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_issued_document();
CREATE TRIGGER document_line_immutable BEFORE UPDATE OR DELETE ON document_line
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_issued_document();
CREATE TRIGGER document_line_not_truncated BEFORE TRUNCATE ON document_line
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_issued_document();
CREATE TRIGGER document_vat_immutable BEFORE UPDATE OR DELETE ON document_vat
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_issued_document();
CREATE TRIGGER document_vat_not_truncated BEFORE TRUNCATE ON document_vat
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_issued_document();
CREATE TRIGGER document_mention_immutable BEFORE UPDATE OR DELETE ON document_mention
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_issued_document();
CREATE TRIGGER document_mention_not_truncated BEFORE TRUNCATE ON document_mention
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_issued_document();
