-- The Factur-X of each issued document, made once and kept as sent: the PDF/A-3 and the CII XML it
-- embeds, byte for byte (see InvoiceFiles for why they are stored rather than made again). Like the
-- documents, never changed nor deleted.
CREATE TABLE document_file
(
    document_id UUID PRIMARY KEY REFERENCES document (id),
    pdf         BYTEA       NOT NULL,
    xml         BYTEA       NOT NULL,
    pdf_sha256  CHAR(64)    NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TRIGGER document_file_immutable BEFORE UPDATE OR DELETE ON document_file
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_issued_document();
CREATE TRIGGER document_file_not_truncated BEFORE TRUNCATE ON document_file
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_issued_document();
