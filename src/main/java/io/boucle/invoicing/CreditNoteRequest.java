package io.boucle.invoicing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.boucle.shared.Money;

/**
 * A credit note to issue against an invoice: for the whole invoice (all that is not credited yet), or for some
 * of its lines, each for all that remains of it, some of its units, or an amount of it.
 *
 * @param credits what to credit, per invoice line; empty for the whole invoice
 * @param reason  why, as the credit note states it, e.g. "Rétractation du client"
 */
public record CreditNoteRequest(InvoiceNumber originalInvoice, List<LineCredit> credits, String reason) {

    /**
     * What to credit of one invoice line: all that remains of it (neither units nor amount), some of its units
     * (credited at the price they were invoiced), or an amount incl. VAT (for a part of a charge, such as the
     * standard delivery cost out of an express delivery line).
     *
     * @param line the invoice line's number, from 1
     */
    public record LineCredit(int line, OptionalInt units, Optional<Money> amountInclVat) {

        public LineCredit {
            Objects.requireNonNull(units, "units");
            Objects.requireNonNull(amountInclVat, "amountInclVat");
            if (line < 1) {
                throw new IllegalArgumentException("line numbers start at 1: " + line);
            }
            if (units.isPresent() && amountInclVat.isPresent()) {
                throw new IllegalArgumentException("line " + line + ": credit units or an amount, not both");
            }
            if (units.isPresent() && units.getAsInt() < 1) {
                throw new IllegalArgumentException("line " + line + ": credit at least one unit, not " + units.getAsInt());
            }
            amountInclVat.ifPresent(amount -> {
                if (!amount.isPositive() || !amount.isRoundedToMinorUnit()) {
                    throw new IllegalArgumentException("line " + line + ": credit a positive amount in cents, not " + amount);
                }
            });
        }

        /** All that remains of the line. */
        public static LineCredit all(int line) {
            return new LineCredit(line, OptionalInt.empty(), Optional.empty());
        }

        public static LineCredit units(int line, int units) {
            return new LineCredit(line, OptionalInt.of(units), Optional.empty());
        }

        public static LineCredit amount(int line, Money amountInclVat) {
            return new LineCredit(line, OptionalInt.empty(), Optional.of(amountInclVat));
        }

        public boolean remainder() {
            return units.isEmpty() && amountInclVat.isEmpty();
        }
    }

    public CreditNoteRequest {
        Objects.requireNonNull(originalInvoice, "originalInvoice");
        Set<Integer> distinct = new HashSet<>();
        List<LineCredit> sorted = new ArrayList<>();
        for (LineCredit credit : credits) {
            Objects.requireNonNull(credit, "credit");
            if (!distinct.add(credit.line())) {
                throw new IllegalArgumentException("line " + credit.line() + " is given twice");
            }
            sorted.add(credit);
        }
        sorted.sort(Comparator.comparingInt(LineCredit::line));
        credits = List.copyOf(sorted);
        reason = Texts.required(reason, "reason", Texts.LONG);
    }

    public static CreditNoteRequest wholeInvoice(InvoiceNumber original, String reason) {
        return new CreditNoteRequest(original, List.of(), reason);
    }

    /** All that remains of each of these lines. */
    public static CreditNoteRequest lines(InvoiceNumber original, String reason, Integer... lines) {
        List<LineCredit> credits = new ArrayList<>();
        for (Integer line : lines) {
            if (line == null) {
                throw new IllegalArgumentException("line numbers start at 1: null");
            }
            credits.add(LineCredit.all(line));
        }
        return new CreditNoteRequest(original, credits, reason);
    }

    public static CreditNoteRequest of(InvoiceNumber original, String reason, LineCredit... credits) {
        return new CreditNoteRequest(original, List.of(credits), reason);
    }

    /** The numbers of the invoice lines credited; empty for the whole invoice. */
    public List<Integer> lines() {
        return credits.stream().map(LineCredit::line).toList();
    }

    public boolean creditsWholeInvoice() {
        return credits.isEmpty();
    }
}
