package io.boucle.tax;

import java.util.Optional;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/**
 * A sale line as the invoice shows it.
 *
 * <p>{@code total.inclVat()} is what the customer is charged for the line. {@code total.exclVat()} is the
 * line's share of its breakdown base (see {@link VatBreakdown}) and is authoritative; the unit price
 * excl. VAT is that total divided by the quantity, to four decimals (EN 16931 BT-146 allows them).
 * The line VAT is the difference; it is not an EN 16931 field, and the lines of one breakdown group add
 * up to the group's VAT plus its rounding amount ({@link VatTotals#roundingAmount()}).
 *
 * <p>For a margin-scheme line the rate is 0, the category E and the VAT shown is zero: the VAT on the
 * margin is due but never shown (CGI art. 297 E); the accountant finds it in
 * {@link VatAssessment#marginSchemeVat()}.
 *
 * @param taxCountry the jurisdiction whose VAT applies (FR for French VAT and French exemptions, the
 *                   destination for OSS, the customer's member state for reverse charge); empty for
 *                   services outside the scope of EU VAT
 * @param rate       the rate applied, 0 for exempt, reverse-charged, outside-scope and margin-scheme lines
 */
public record AssessedLine(String reference, int quantity, VatRegime regime, Optional<VatCountry> taxCountry,
        Percentage rate, VatCategory category, Optional<VatExemptionReason> exemptionReason, UnitAmounts unit,
        Amounts total) {

    /** Unit prices: incl. VAT as charged; excl. VAT to four decimals. */
    public record UnitAmounts(Money exclVat, Money inclVat) {

        /** The VAT in one unit's price, to four decimals, for display; line and breakdown VAT are authoritative. */
        public Money vat() {
            return inclVat.minus(exclVat);
        }
    }
}
