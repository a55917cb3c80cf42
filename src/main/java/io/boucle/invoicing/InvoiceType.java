package io.boucle.invoicing;

/** What an issued document is, with its code in UNTDID 1001 (EN 16931 BT-3). */
public enum InvoiceType {
    /** A commercial invoice, 380. */
    INVOICE("380"),
    /**
     * A credit note, 381: corrects or cancels all or part of an invoice it cites (CGI ann. II art. 242 nonies
     * A I 8°: a document amending an invoice refers to it unambiguously). Its amounts are positive; the type
     * says they are credited (EN 16931 section 6.6).
     */
    CREDIT_NOTE("381");

    private final String code;

    InvoiceType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
