package io.boucle.invoicing;

/**
 * A credit note that would credit more of an invoice than remains to credit: a line credited in full already,
 * more units than remain, or an amount above what remains of a line. Nothing is issued, no number is taken.
 */
public class CreditNoteRefused extends IllegalStateException {

    public CreditNoteRefused(String message) {
        super(message);
    }
}
