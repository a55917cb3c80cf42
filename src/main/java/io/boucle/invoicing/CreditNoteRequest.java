package io.boucle.invoicing;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A credit note to issue against an invoice: for the whole invoice (what is not credited yet) or for some
 * of its lines, each in full. It credits exactly what those lines were charged.
 *
 * @param lines  the numbers of the invoice's lines to credit, from 1; empty for the whole invoice
 * @param reason why, as the credit note states it, e.g. "Rétractation du client"
 */
public record CreditNoteRequest(InvoiceNumber originalInvoice, List<Integer> lines, String reason) {

    public CreditNoteRequest {
        Objects.requireNonNull(originalInvoice, "originalInvoice");
        Set<Integer> distinct = new TreeSet<>();
        for (Integer line : lines) {
            if (line == null || line < 1) {
                throw new IllegalArgumentException("line numbers start at 1: " + line);
            }
            if (!distinct.add(line)) {
                throw new IllegalArgumentException("line " + line + " is given twice");
            }
        }
        lines = List.copyOf(distinct);
        reason = Texts.required(reason, "reason", Texts.LONG);
    }

    public static CreditNoteRequest wholeInvoice(InvoiceNumber original, String reason) {
        return new CreditNoteRequest(original, List.of(), reason);
    }

    public static CreditNoteRequest lines(InvoiceNumber original, String reason, Integer... lines) {
        return new CreditNoteRequest(original, List.of(lines), reason);
    }

    public boolean creditsWholeInvoice() {
        return lines.isEmpty();
    }
}
