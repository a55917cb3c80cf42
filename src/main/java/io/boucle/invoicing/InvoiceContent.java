package io.boucle.invoicing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.boucle.shared.Money;
import io.boucle.tax.AssessedLine;
import io.boucle.tax.DeliveryPart;
import io.boucle.tax.LegalMention;
import io.boucle.tax.SupplyKind;
import io.boucle.tax.VatAssessment;
import io.boucle.tax.VatBreakdown;
import io.boucle.tax.VatCategory;
import io.boucle.tax.VatTotals;

/**
 * What an invoice or a credit note says, composed from the sale (or the invoice credited) and the
 * merchant settings: pure, no database, no clock.
 *
 * <p>An invoice shows the VAT engine's figures unchanged (lines, delivery parts as lines, breakdown,
 * totals with the rounding amount and the amount payable), so what the customer paid, what the invoice
 * says and what the VAT return declares are the same numbers. A credit note credits invoice lines, or some
 * of their units, or an amount of them, from the figures they were invoiced at and never beyond them, and
 * computes its own breakdown from what it credits.
 */
final class InvoiceContent {

    /**
     * Issue dates are dates in mainland France, where the merchant is established: an invoice numbered
     * at 23:30 UTC on 31 December belongs to the next year's series.
     */
    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

    /**
     * Rounding of a credit note's VAT: half up to the cent, as the VAT engine rounds (Council Regulation
     * (EC) No 1103/97 art. 5), once per breakdown row (EN 16931 BR-CO-17).
     */
    private static final RoundingMode VAT_ROUNDING = RoundingMode.HALF_UP;

    /** Amounts are stored as numeric(19,4): an amount with more decimals would not read back as hashed. */
    private static final int STORED_DECIMALS = 4;

    /** Unit prices excl. VAT have four decimals (EN 16931 BT-146), as the VAT engine gives them on invoices. */
    private static final int UNIT_PRICE_DECIMALS = 4;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private InvoiceContent() {
    }

    static LocalDate issueDate(Instant issuedAt) {
        return LocalDate.ofInstant(issuedAt, FRANCE);
    }

    /**
     * The rules an invoice request must meet, checked before a number is taken. They are the rules in
     * force when issuing; documents already issued are not checked against later ones.
     */
    static void check(InvoiceRequest request) {
        VatAssessment assessment = request.assessment();
        InvoiceBuyer buyer = request.buyer();
        if (!request.currency().equals(assessment.totals().payable().currency())) {
            throw new IllegalArgumentException("the invoice currency must be the assessment's, "
                    + assessment.totals().payable().currency());
        }
        if (request.currency().equals(Money.EUR) == request.taxCurrency().isPresent()
                || request.taxCurrency().filter(tax -> !tax.rate().currency().equals(request.currency())).isPresent()) {
            throw new IllegalArgumentException("an invoice in " + request.currency() + " needs "
                    + (request.currency().equals(Money.EUR) ? "no exchange rate" : "the order's rate to it and its VAT total in EUR"));
        }
        if (buyer.isBusiness() && buyer.isInFrance() && buyer.siren().isEmpty()) {
            throw new IllegalArgumentException("buyer: a business established in France must give its SIREN "
                    + "(French e-invoicing rules, décret n° 2022-1299)");
        }
        if (buyer.siren().isPresent() && buyer.vatNumber().isPresent() && buyer.vatNumber().get().startsWith("FR")
                && !buyer.vatNumber().get().equals(buyer.siren().get().vatNumber())) {
            throw new IllegalArgumentException("buyer: the VAT number " + buyer.vatNumber().get()
                    + " is not the one of SIREN " + buyer.siren().get() + " (" + buyer.siren().get().vatNumber() + ")");
        }
        if (assessment.printBothVatNumbers() && buyer.vatNumber().isEmpty()) {
            // CGI ann. II art. 242 nonies A I 3° and 4°: both numbers for an exempt intra-EU supply or a reverse charge.
            throw new IllegalArgumentException("buyer: this sale is exempt or reverse-charged, its invoice must show the "
                    + "buyer's VAT number");
        }
        lines(request).forEach(InvoiceContent::checkStorable);
    }

    static Invoice invoice(InvoiceRequest request, MerchantSettings settings, InvoiceNumber number, Instant issuedAt) {
        check(request);
        VatAssessment assessment = request.assessment();
        LocalDate issueDate = issueDate(issuedAt);
        List<Invoice.Line> lines = lines(request);
        List<Invoice.VatRow> breakdown = assessment.breakdown().stream().map(InvoiceContent::row).toList();
        VatTotals totals = assessment.totals();

        List<Invoice.Mention> mentions = new ArrayList<>();
        for (LegalMention mention : assessment.mentions()) {
            mentions.add(new Invoice.Mention(MentionKind.of(mention.kind()), mention.text()));
        }
        if (settings.vatOnDebits() && lines.stream().anyMatch(line -> line.kind() == Invoice.LineKind.SERVICES)) {
            mentions.add(vatOnDebits());
        }
        if (request.buyer().isBusiness()) {
            mentions.addAll(businessTerms(settings));
        }
        return new Invoice(number, InvoiceType.INVOICE, issueDate, issuedAt, request.orderReference(), request.currency(),
                category(lines), settings.seller(), request.buyer(), request.deliveryAddress(),
                request.deliveryDate().filter(date -> !date.equals(issueDate)), issueDate.plusDays(settings.paymentTermDays()),
                lines, breakdown,
                new Invoice.Totals(totals.exclVat(), totals.vat(), totals.inclVat(), totals.roundingAmount(), totals.payable()),
                mentions, Optional.empty(), Optional.empty(), request.payment(), request.taxCurrency());
    }

    /**
     * What the credit notes of one invoice line credited so far: units, and amounts excl. VAT, VAT and incl. VAT.
     *
     * @param byAmount whether any of them credited an amount rather than units
     * @param by       the credit notes, in the order issued
     */
    record Credited(int units, Money exclVat, Money vat, Money inclVat, boolean byAmount, List<InvoiceNumber> by) {

        static Credited nothing(java.util.Currency currency) {
            Money zero = Money.zero(currency);
            return new Credited(0, zero, zero, zero, false, List.of());
        }

        Credited plus(InvoiceNumber note, Invoice.Line line) {
            List<InvoiceNumber> notes = new ArrayList<>(by);
            notes.add(note);
            return new Credited(units + line.creditedUnits(), exclVat.plus(line.totalExclVat()), vat.plus(line.totalVat()),
                    inclVat.plus(line.totalInclVat()), byAmount || line.creditedUnits() != line.quantity(), List.copyOf(notes));
        }
    }

    /** What each line of an invoice was credited so far by its credit notes, by line number. */
    static Map<Integer, Credited> credited(Invoice original, Collection<Invoice> creditNotes) {
        Map<Integer, Credited> credited = new HashMap<>();
        for (Invoice note : creditNotes) {
            if (!note.originalInvoice().map(Invoice.Reference::number).filter(original.number()::equals).isPresent()) {
                throw new IllegalArgumentException(note.number() + " does not credit " + original.number());
            }
            for (Invoice.Line line : note.lines()) {
                int number = line.creditedLine().orElseThrow();
                credited.put(number, credited.getOrDefault(number, Credited.nothing(original.currency())).plus(note.number(), line));
            }
        }
        return credited;
    }

    /** A credit note for all of some lines of an invoice never credited before. */
    static Invoice creditNote(Invoice original, Collection<Integer> lineNumbers, String reason, MerchantSettings settings,
            InvoiceNumber number, Instant issuedAt) {
        return creditNote(original, lineNumbers.stream().map(CreditNoteRequest.LineCredit::all).toList(), Map.of(), reason,
                settings, number, issuedAt);
    }

    /**
     * A credit note for some lines of an invoice, or parts of them (EN 16931 type 381; CGI ann. II art. 242 nonies
     * A I 8°: it cites the invoice's number and date), given what earlier credit notes credited of each line.
     *
     * <p>Each line credited is computed like an invoice line, at the invoice line's rate and VAT category:
     * <ul>
     * <li>all that remains of a line (units and amounts not credited yet), or the last of its units: exactly
     * the remainder, so the credit notes of a line always add up to the line, to the cent;</li>
     * <li>some of its units: their share of the line's amounts incl. and excl. VAT (what they were charged,
     * quantity × unit price), each rounded half up to the cent, at the invoice's unit price;</li>
     * <li>an amount incl. VAT (part of a charge, such as the standard delivery cost out of an express delivery):
     * the amount excl. VAT it includes at the line's rate, as one unit, crediting no unit of the line.</li>
     * </ul>
     * A line's VAT is its amount incl. VAT less its amount excl. VAT, and no amount excl. VAT, VAT or incl.
     * VAT credited ever exceeds what remains of it: the credit notes of a line never credit more than it was
     * invoiced. A margin-scheme line (category E, no VAT shown) is credited the same way, with no VAT either.
     * The breakdown VAT is recomputed on the credited taxable amounts (BR-CO-17), and the cent that may leave
     * between that and the lines' prices incl. VAT is the rounding amount, so the amount credited is exactly
     * what the lines credit.
     *
     * @throws CreditNoteRefused        when a line has nothing left to credit, or less than asked
     * @throws IllegalArgumentException when the invoice has no such line, or is a credit note
     */
    static Invoice creditNote(Invoice original, List<CreditNoteRequest.LineCredit> credits, Map<Integer, Credited> before,
            String reason, MerchantSettings settings, InvoiceNumber number, Instant issuedAt) {
        return creditNote(original, credits, before, Optional.empty(), reason, settings, number, issuedAt);
    }

    /**
     * A credit note as {@link #creditNote(Invoice, List, Map, String, MerchantSettings, InvoiceNumber, Instant)}, for
     * an invoice in another currency than the euro too: at the invoice's rate, never the rate of the day. Its VAT
     * total in euros is its VAT converted back at that rate, half up to the cent; when it credits all that remains of
     * the invoice, it is what remains of the invoice's VAT total in euros, so an invoice credited in full nets to zero
     * in euros too.
     *
     * @param vatInEurosLeft the invoice's VAT total in euros less its earlier credit notes'; empty in euros
     */
    static Invoice creditNote(Invoice original, List<CreditNoteRequest.LineCredit> credits, Map<Integer, Credited> before,
            Optional<Money> vatInEurosLeft, String reason, MerchantSettings settings, InvoiceNumber number, Instant issuedAt) {
        if (original.isCreditNote()) {
            throw new IllegalArgumentException(original.number() + " is a credit note: only an invoice can be credited");
        }
        if (credits.isEmpty()) {
            throw new IllegalArgumentException("a credit note credits at least one line");
        }
        LocalDate issueDate = issueDate(issuedAt);
        Money zero = Money.zero(original.currency());
        List<Invoice.Line> lines = creditLines(original, credits, before);
        List<Invoice.VatRow> breakdown = new ArrayList<>();
        Money exclVat = zero;
        Money vat = zero;
        Money payable = zero;
        for (Invoice.VatRow originalRow : original.vatBreakdown()) {
            List<Invoice.Line> inRow = lines.stream().filter(line -> line.vatCategory() == originalRow.category()
                    && line.vatRate().compareTo(originalRow.rate()) == 0).toList();
            if (inRow.isEmpty()) {
                continue;
            }
            Money base = inRow.stream().map(Invoice.Line::totalExclVat).reduce(zero, Money::plus);
            Money rowVat = originalRow.rate().of(base).rounded(VAT_ROUNDING);
            breakdown.add(new Invoice.VatRow(originalRow.category(), originalRow.rate(), originalRow.exemptionReason(),
                    originalRow.exemptionText(), base, rowVat));
            exclVat = exclVat.plus(base);
            vat = vat.plus(rowVat);
            payable = payable.plus(inRow.stream().map(Invoice.Line::totalInclVat).reduce(zero, Money::plus));
        }
        Money inclVat = exclVat.plus(vat);

        Set<VatCategory> categories = breakdown.stream().map(Invoice.VatRow::category).collect(Collectors.toSet());
        boolean services = lines.stream().anyMatch(line -> line.kind() == Invoice.LineKind.SERVICES);
        // The original's mentions that still apply: a VAT mention when its category is credited, the
        // option for VAT on debits when services are, the business terms always (same buyer).
        List<Invoice.Mention> mentions = original.mentions().stream()
                .filter(mention -> mention.kind().vatCategory().isPresent()
                        ? categories.contains(mention.kind().vatCategory().get())
                        : mention.kind() != MentionKind.VAT_ON_DEBITS || services)
                .toList();
        Money noteVat = vat;
        boolean creditsAllThatRemains = original.lines().stream().allMatch(line -> {
            int creditedBefore = before.containsKey(line.number()) ? before.get(line.number()).units() : 0;
            int now = lines.stream().filter(credit -> credit.creditedLine().orElseThrow() == line.number())
                    .mapToInt(Invoice.Line::creditedUnits).sum();
            return creditedBefore + now >= line.quantity();
        });
        Optional<TaxCurrency> taxCurrency = original.taxCurrency().map(tax -> new TaxCurrency(tax.rate(),
                creditsAllThatRemains ? vatInEurosLeft.orElse(tax.vatInEuros()) : tax.rate().toEuros(noteVat)));
        return new Invoice(number, InvoiceType.CREDIT_NOTE, issueDate, issuedAt, original.orderReference(),
                original.currency(), category(lines), settings.seller(), original.buyer(), original.deliveryAddress(),
                Optional.empty(), issueDate, lines, breakdown, new Invoice.Totals(exclVat, vat, inclVat,
                        payable.minus(inclVat), payable),
                mentions, Optional.of(new Invoice.Reference(original.number(), original.issueDate())), Optional.of(reason),
                Optional.empty(), taxCurrency);
    }

    /**
     * The lines of a credit note, in the order of the invoice lines they credit.
     *
     * @throws CreditNoteRefused when a line has nothing left to credit, or less than asked
     */
    static List<Invoice.Line> creditLines(Invoice original, List<CreditNoteRequest.LineCredit> credits,
            Map<Integer, Credited> before) {
        List<Invoice.Line> lines = new ArrayList<>();
        for (CreditNoteRequest.LineCredit credit : credits.stream()
                .sorted(java.util.Comparator.comparingInt(CreditNoteRequest.LineCredit::line)).toList()) {
            Invoice.Line line = original.line(credit.line());
            lines.add(creditLine(original, line, credit, before.getOrDefault(line.number(), Credited.nothing(original.currency())),
                    lines.size() + 1));
        }
        return lines;
    }

    /** One line of a credit note: what it credits of an invoice line, given what was credited of it before. */
    private static Invoice.Line creditLine(Invoice original, Invoice.Line line, CreditNoteRequest.LineCredit credit,
            Credited before, int number) {
        int unitsLeft = line.quantity() - before.units();
        Money exclLeft = line.totalExclVat().minus(before.exclVat());
        Money vatLeft = line.totalVat().minus(before.vat());
        Money inclLeft = line.totalInclVat().minus(before.inclVat());
        String which = "line " + line.number() + " of " + original.number();
        if (unitsLeft <= 0) {
            throw new CreditNoteRefused(which + " is credited in full already, by "
                    + String.join(", ", before.by().stream().map(InvoiceNumber::value).toList()));
        }
        int units;
        int quantity;
        Money exclVat;
        Money inclVat;
        boolean remainder = credit.remainder()
                || (credit.units().isPresent() && credit.units().getAsInt() == unitsLeft)
                || (credit.amountInclVat().isPresent() && credit.amountInclVat().get().compareTo(inclLeft) == 0);
        if (credit.units().isPresent() && credit.units().getAsInt() > unitsLeft) {
            throw new CreditNoteRefused(which + " has " + unitsLeft + " of its " + line.quantity()
                    + " units left to credit, not " + credit.units().getAsInt());
        }
        if (credit.amountInclVat().isPresent() && credit.amountInclVat().get().isGreaterThan(inclLeft)) {
            throw new CreditNoteRefused(which + " has " + inclLeft + " incl. VAT left to credit, not "
                    + credit.amountInclVat().get());
        }
        if (remainder) {
            units = unitsLeft;
            quantity = unitsLeft;
            exclVat = exclLeft;
            inclVat = inclLeft;
        } else if (credit.units().isPresent()) {
            units = credit.units().getAsInt();
            quantity = units;
            BigDecimal share = BigDecimal.valueOf(units);
            BigDecimal of = BigDecimal.valueOf(line.quantity());
            inclVat = Money.of(line.totalInclVat().amount().multiply(share).divide(of, MathContext.DECIMAL128),
                    line.totalInclVat().currency()).rounded(VAT_ROUNDING).min(inclLeft);
            exclVat = Money.of(line.totalExclVat().amount().multiply(share).divide(of, MathContext.DECIMAL128),
                    line.totalExclVat().currency()).rounded(VAT_ROUNDING);
        } else {
            units = 0;
            quantity = 1;
            inclVat = credit.amountInclVat().orElseThrow();
            exclVat = line.vatRate().isZero() ? inclVat
                    : Money.of(inclVat.amount().multiply(HUNDRED).divide(HUNDRED.add(line.vatRate().value()), MathContext.DECIMAL128),
                            inclVat.currency()).rounded(VAT_ROUNDING);
        }
        if (!remainder) {
            // Never more excl. VAT nor more VAT than remains of the line, never less than nothing.
            exclVat = exclVat.min(exclLeft).min(inclVat).max(inclVat.minus(vatLeft)).max(Money.zero(inclVat.currency()));
        }
        Money unitPrice = units == quantity && !before.byAmount() ? line.unitPriceExclVat()
                : Money.of(exclVat.amount().divide(BigDecimal.valueOf(quantity), UNIT_PRICE_DECIMALS, VAT_ROUNDING),
                        exclVat.currency());
        return new Invoice.Line(number, line.kind(), line.itemReference(), line.description(), quantity, unitPrice,
                line.vatRate(), line.vatCategory(), line.exemptionReason(), line.regime(), line.taxCountry(), exclVat,
                inclVat.minus(exclVat), inclVat, Optional.of(line.number()), units);
    }

    private static List<Invoice.Line> lines(InvoiceRequest request) {
        List<Invoice.Line> lines = new ArrayList<>();
        for (AssessedLine line : request.assessment().lines()) {
            InvoiceRequest.Item item = request.item(line.reference());
            lines.add(new Invoice.Line(lines.size() + 1,
                    item.kind() == SupplyKind.GOODS ? Invoice.LineKind.GOODS : Invoice.LineKind.SERVICES,
                    Optional.of(line.reference()), item.description(), line.quantity(), line.unit().exclVat(), line.rate(),
                    line.category(), line.exemptionReason(), line.regime(), line.taxCountry(), line.total().exclVat(),
                    line.total().vat(), line.total().inclVat(), Optional.empty()));
        }
        for (DeliveryPart part : request.assessment().delivery()) {
            lines.add(new Invoice.Line(lines.size() + 1, Invoice.LineKind.DELIVERY, Optional.empty(),
                    request.deliveryDescription().orElseThrow(), 1, part.amounts().exclVat(), part.rate(), part.category(),
                    part.exemptionReason(), part.regime(), part.taxCountry(), part.amounts().exclVat(), part.amounts().vat(),
                    part.amounts().inclVat(), Optional.empty()));
        }
        return lines;
    }

    private static Invoice.VatRow row(VatBreakdown row) {
        return new Invoice.VatRow(row.category(), row.rate(), row.exemptionReason(), row.exemptionText(),
                row.taxableAmount(), row.vat());
    }

    private static OperationCategory category(List<Invoice.Line> lines) {
        boolean goods = lines.stream().anyMatch(line -> line.kind() == Invoice.LineKind.GOODS);
        boolean services = lines.stream().anyMatch(line -> line.kind() == Invoice.LineKind.SERVICES);
        return goods && services ? OperationCategory.MIXED : services ? OperationCategory.SERVICES : OperationCategory.GOODS;
    }

    /** The mention CGI art. 269-2 c and décret n° 2022-1299 require, in its fixed wording. */
    static Invoice.Mention vatOnDebits() {
        return new Invoice.Mention(MentionKind.VAT_ON_DEBITS, "Option pour le paiement de la taxe d'après les débits");
    }

    /** Code de commerce art. L441-9 I: on invoices to businesses, the payment terms and late-payment conditions. */
    private static List<Invoice.Mention> businessTerms(MerchantSettings settings) {
        return List.of(new Invoice.Mention(MentionKind.PAYMENT_TERMS, settings.paymentTerms()),
                new Invoice.Mention(MentionKind.EARLY_PAYMENT_DISCOUNT, settings.earlyPaymentDiscount()),
                new Invoice.Mention(MentionKind.LATE_PAYMENT_PENALTIES, settings.latePaymentPenalties()),
                new Invoice.Mention(MentionKind.RECOVERY_INDEMNITY, settings.recoveryIndemnity()));
    }

    private static void checkStorable(Invoice.Line line) {
        for (Money amount : List.of(line.unitPriceExclVat(), line.totalExclVat(), line.totalVat(), line.totalInclVat())) {
            if (amount.amount().scale() > STORED_DECIMALS) {
                throw new IllegalArgumentException("line " + line.number() + ": " + amount + " has more than "
                        + STORED_DECIMALS + " decimals");
            }
        }
        if (line.vatRate().value().scale() > STORED_DECIMALS) {
            throw new IllegalArgumentException("line " + line.number() + ": rate " + line.vatRate() + " has too many decimals");
        }
    }
}
