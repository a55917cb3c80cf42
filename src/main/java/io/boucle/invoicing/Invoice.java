package io.boucle.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;
import io.boucle.tax.VatCategory;
import io.boucle.tax.VatCountry;
import io.boucle.tax.VatExemptionReason;
import io.boucle.tax.VatRegime;

/**
 * An issued invoice or credit note, final and unchangeable: every figure and text it shows, as stored.
 *
 * <p>Its figures always add up, which the constructor checks: the lines' amounts excl. VAT add up, per VAT
 * category and rate, to the breakdown's taxable amounts (EN 16931 BR-CO-10, BR-S-08); each breakdown VAT is
 * its taxable amount times its rate rounded to the cent (BR-CO-17); the totals are their sums (BR-CO-13,
 * BR-CO-14), total incl. VAT = total excl. VAT + VAT (BR-CO-15), and the amount payable = total incl. VAT +
 * the rounding amount (BR-CO-16), which is also the sum of the lines' amounts incl. VAT: what the customer
 * paid, or gets back.
 *
 * @param issuedAt         the moment it was numbered; {@code issueDate} is that moment's date in France
 * @param deliveryDate     the date of the supply, when it was given (BT-72)
 * @param dueDate          when payment is due (BT-9): the issue date plus the merchant's payment term
 * @param originalInvoice  for a credit note, the invoice it credits (BT-25, BT-26)
 * @param creditReason     for a credit note, why
 * @param payment          for an invoice of an order paid before it was issued, that payment (the invoice is
 *                         "acquittée": nothing is left due)
 * @param taxCurrency      for a document in another currency than the euro, its VAT total in euros and the rate
 *                         its order was converted at; empty, and only empty, for a document in euros
 */
public record Invoice(InvoiceNumber number, InvoiceType type, LocalDate issueDate, Instant issuedAt,
        String orderReference, Currency currency, OperationCategory operationCategory, Seller seller, InvoiceBuyer buyer,
        Optional<PostalAddress> deliveryAddress, Optional<LocalDate> deliveryDate, LocalDate dueDate, List<Line> lines,
        List<VatRow> vatBreakdown, Totals totals, List<Mention> mentions, Optional<Reference> originalInvoice,
        Optional<String> creditReason, Optional<InvoicePayment> payment, Optional<TaxCurrency> taxCurrency) {

    /** A document in euros. */
    public Invoice(InvoiceNumber number, InvoiceType type, LocalDate issueDate, Instant issuedAt,
            String orderReference, Currency currency, OperationCategory operationCategory, Seller seller, InvoiceBuyer buyer,
            Optional<PostalAddress> deliveryAddress, Optional<LocalDate> deliveryDate, LocalDate dueDate, List<Line> lines,
            List<VatRow> vatBreakdown, Totals totals, List<Mention> mentions, Optional<Reference> originalInvoice,
            Optional<String> creditReason, Optional<InvoicePayment> payment) {
        this(number, type, issueDate, issuedAt, orderReference, currency, operationCategory, seller, buyer, deliveryAddress,
                deliveryDate, dueDate, lines, vatBreakdown, totals, mentions, originalInvoice, creditReason, payment,
                Optional.empty());
    }

    /** What a line supplies; a delivery charge is a line of its own, taxed like the goods it carries. */
    public enum LineKind {
        GOODS,
        SERVICES,
        DELIVERY
    }

    /**
     * A line as the invoice shows it (EN 16931 BG-25): quantity, precise description, unit price excl. VAT
     * (to four decimals, BT-146), VAT rate or exemption, and its amounts. Its amount excl. VAT is its share
     * of its breakdown row's taxable amount; its VAT is not an EN 16931 field and is kept for the accounts.
     *
     * @param itemReference the seller's item identifier (BT-155), e.g. the SKU; none for delivery
     * @param regime        why the line is taxed so; with {@code taxCountry}, what VAT returns (OSS, e-reporting) read
     * @param creditedLine  on a credit note, the number of the invoice line it credits
     * @param creditedUnits on a credit note, how many units of that invoice line it credits: its quantity when it
     *                      credits units, 0 when it credits an amount only (e.g. the standard delivery cost out of an
     *                      express delivery); 0 on an invoice
     */
    public record Line(int number, LineKind kind, Optional<String> itemReference, String description, int quantity,
            Money unitPriceExclVat, Percentage vatRate, VatCategory vatCategory,
            Optional<VatExemptionReason> exemptionReason, VatRegime regime, Optional<VatCountry> taxCountry,
            Money totalExclVat, Money totalVat, Money totalInclVat, Optional<Integer> creditedLine, int creditedUnits) {

        /** A line that, on a credit note, credits as many units of the invoice line as its quantity. */
        public Line(int number, LineKind kind, Optional<String> itemReference, String description, int quantity,
                Money unitPriceExclVat, Percentage vatRate, VatCategory vatCategory,
                Optional<VatExemptionReason> exemptionReason, VatRegime regime, Optional<VatCountry> taxCountry,
                Money totalExclVat, Money totalVat, Money totalInclVat, Optional<Integer> creditedLine) {
            this(number, kind, itemReference, description, quantity, unitPriceExclVat, vatRate, vatCategory, exemptionReason,
                    regime, taxCountry, totalExclVat, totalVat, totalInclVat, creditedLine,
                    creditedLine.isPresent() ? quantity : 0);
        }

        public Line {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(itemReference, "itemReference");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(unitPriceExclVat, "unitPriceExclVat");
            Objects.requireNonNull(vatRate, "vatRate");
            Objects.requireNonNull(vatCategory, "vatCategory");
            Objects.requireNonNull(exemptionReason, "exemptionReason");
            Objects.requireNonNull(regime, "regime");
            Objects.requireNonNull(taxCountry, "taxCountry");
            Objects.requireNonNull(creditedLine, "creditedLine");
            if (quantity < 1) {
                throw new IllegalArgumentException("line " + number + ": quantity must be at least 1");
            }
            if (totalExclVat.plus(totalVat).compareTo(totalInclVat) != 0) {
                throw new IllegalArgumentException("line " + number + ": excl. VAT + VAT must equal incl. VAT");
            }
            if (creditedUnits < 0 || (creditedLine.isEmpty() && creditedUnits != 0)) {
                throw new IllegalArgumentException("line " + number + ": only a credit note line credits units, 0 or more");
            }
        }

        /** The category code as written on e-invoices (UNTDID 5305), e.g. {@code S}. */
        public String vatCategoryCode() {
            return vatCategory.name();
        }

        /** The exemption reason code (CEF VATEX), e.g. {@code VATEX-EU-G}. */
        public Optional<String> exemptionReasonCode() {
            return exemptionReason.map(VatExemptionReason::code);
        }
    }

    /**
     * One row of the VAT breakdown (BG-23), per category and rate.
     *
     * @param exemptionText the exemption or special-regime mention for the category (BT-120)
     */
    public record VatRow(VatCategory category, Percentage rate, Optional<VatExemptionReason> exemptionReason,
            Optional<String> exemptionText, Money taxableAmount, Money vatAmount) {

        public VatRow {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(exemptionReason, "exemptionReason");
            Objects.requireNonNull(exemptionText, "exemptionText");
            // BR-CO-17: the VAT is the taxable amount times the rate, rounded to two decimals.
            BigDecimal exact = rate.of(taxableAmount).amount();
            if (exact.subtract(vatAmount.amount()).abs().compareTo(new BigDecimal("0.005")) > 0) {
                throw new IllegalArgumentException("the VAT of the " + category + " " + rate + " row must be "
                        + taxableAmount + " × " + rate + " rounded to the cent, not " + vatAmount);
            }
        }

        /** The category code as written on e-invoices (UNTDID 5305), e.g. {@code S}. */
        public String categoryCode() {
            return category.name();
        }

        /** The exemption reason code (CEF VATEX), e.g. {@code VATEX-EU-G}. */
        public Optional<String> exemptionReasonCode() {
            return exemptionReason.map(VatExemptionReason::code);
        }
    }

    /**
     * The document totals, named after EN 16931.
     *
     * @param exclVat        BT-109
     * @param vat            BT-110
     * @param inclVat        BT-112
     * @param roundingAmount BT-114: the cent a total charged incl. VAT can leave over (see the tax module's VatTotals)
     * @param payable        BT-115: what the customer pays, or for a credit note gets back
     */
    public record Totals(Money exclVat, Money vat, Money inclVat, Money roundingAmount, Money payable) {

        public Totals {
            if (exclVat.plus(vat).compareTo(inclVat) != 0) {
                throw new IllegalArgumentException("total incl. VAT must be total excl. VAT + VAT (BR-CO-15)");
            }
            if (inclVat.plus(roundingAmount).compareTo(payable) != 0) {
                throw new IllegalArgumentException("the amount payable must be total incl. VAT + rounding (BR-CO-16)");
            }
        }
    }

    /** A mention the document carries, with the rule that requires it. */
    public record Mention(MentionKind kind, String text) {

        public Mention {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The invoice a credit note cites: its number and issue date. */
    public record Reference(InvoiceNumber number, LocalDate issueDate) {

        public Reference {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(issueDate, "issueDate");
        }
    }

    public Invoice {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(orderReference, "orderReference");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(operationCategory, "operationCategory");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(deliveryAddress, "deliveryAddress");
        Objects.requireNonNull(deliveryDate, "deliveryDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(originalInvoice, "originalInvoice");
        Objects.requireNonNull(creditReason, "creditReason");
        lines = List.copyOf(lines);
        vatBreakdown = List.copyOf(vatBreakdown);
        mentions = List.copyOf(mentions);
        if ((type == InvoiceType.CREDIT_NOTE) != originalInvoice.isPresent()
                || originalInvoice.isPresent() != creditReason.isPresent()) {
            throw new IllegalArgumentException("a credit note, and only a credit note, cites an invoice and a reason");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a document has at least one line");
        }
        checkFiguresAddUp(currency, lines, vatBreakdown, totals);
        Objects.requireNonNull(payment, "payment");
        if (payment.isPresent() && (type != InvoiceType.INVOICE || payment.get().amount().compareTo(totals.payable()) != 0)) {
            throw new IllegalArgumentException("only an invoice acknowledges a payment, of its whole amount payable");
        }
        Objects.requireNonNull(taxCurrency, "taxCurrency");
        if (currency.equals(io.boucle.shared.Money.EUR) == taxCurrency.isPresent()) {
            throw new IllegalArgumentException("a document in another currency than the euro, and only one, states its VAT "
                    + "total in euros (BT-6, BT-111)");
        }
        if (taxCurrency.isPresent() && !taxCurrency.get().rate().currency().equals(currency)) {
            throw new IllegalArgumentException("the document is in " + currency + ", its rate is of "
                    + taxCurrency.get().rate().currency());
        }
    }

    /** What is left to pay (EN 16931 BT-115): nothing once paid, else the amount payable. */
    public Money amountDue() {
        return payment.map(paid -> totals.payable().minus(paid.amount())).orElse(totals.payable());
    }

    public boolean isCreditNote() {
        return type == InvoiceType.CREDIT_NOTE;
    }

    public Line line(int number) {
        return lines.stream().filter(line -> line.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(this.number + " has no line " + number));
    }

    private record RowKey(VatCategory category, Percentage rate) {
    }

    private static void checkFiguresAddUp(Currency currency, List<Line> lines, List<VatRow> rows, Totals totals) {
        Money zero = Money.zero(currency);
        Map<RowKey, Money> lineBases = new LinkedHashMap<>();
        Money linesInclVat = zero;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.number() != i + 1) {
                throw new IllegalArgumentException("lines are numbered from 1 in order");
            }
            lineBases.merge(new RowKey(line.vatCategory(), line.vatRate()), line.totalExclVat(), Money::plus);
            linesInclVat = linesInclVat.plus(line.totalInclVat());
        }
        Money exclVat = zero;
        Money vat = zero;
        for (VatRow row : rows) {
            Money lineBase = lineBases.remove(new RowKey(row.category(), row.rate()));
            if (lineBase == null || lineBase.compareTo(row.taxableAmount()) != 0) {
                throw new IllegalArgumentException("the lines taxed " + row.category() + " " + row.rate()
                        + " must add up to the row's taxable amount " + row.taxableAmount() + " (BR-CO-10, BR-S-08)");
            }
            exclVat = exclVat.plus(row.taxableAmount());
            vat = vat.plus(row.vatAmount());
        }
        if (!lineBases.isEmpty()) {
            throw new IllegalArgumentException("lines taxed " + lineBases.keySet() + " have no VAT breakdown row");
        }
        if (exclVat.compareTo(totals.exclVat()) != 0 || vat.compareTo(totals.vat()) != 0) {
            throw new IllegalArgumentException("the totals must be the sums of the VAT breakdown (BR-CO-13, BR-CO-14)");
        }
        if (linesInclVat.compareTo(totals.payable()) != 0) {
            throw new IllegalArgumentException("the amount payable must be what the lines charge incl. VAT");
        }
    }
}
