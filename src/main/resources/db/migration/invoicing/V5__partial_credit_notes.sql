-- Partial credit notes: a credit note may credit some units of an invoice line, or an amount of it (the
-- standard delivery cost out of an express delivery), so a line may be credited by several credit notes,
-- as long as together they credit no more than the line was invoiced (checked by Invoicing under a lock
-- of the invoice's row). Adding a nullable column rewrites no issued row: the triggers are not fired.
DROP INDEX document_line_credited_once;

-- On a credit note line, the units of the invoice line it credits (canonical form version 3): its quantity
-- when it credits units, 0 when it credits an amount only. Null on the lines of earlier credit notes, which
-- credited whole lines: as many units as their quantity.
ALTER TABLE document_line
    ADD COLUMN credited_units INT,
    ADD CONSTRAINT document_line_credited_units CHECK (credited_units IS NULL
        OR (credited_units >= 0 AND credited_units <= quantity AND credited_line IS NOT NULL));

CREATE INDEX document_line_credited_idx ON document_line (credited_document_id, credited_line)
    WHERE credited_document_id IS NOT NULL;
CREATE INDEX document_original_idx ON document (original_document_id) WHERE original_document_id IS NOT NULL;
