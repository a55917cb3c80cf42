package io.boucle.tax;

import java.util.List;
import java.util.Optional;

import io.boucle.shared.Money;

/**
 * The VAT of a sale: what the invoice shows, what the customer pays, and what the accountant declares.
 *
 * @param lines                 the sale lines, in the order given
 * @param delivery              the delivery charge split by the way its goods are taxed; empty when free
 * @param breakdown             the VAT breakdown per category and rate
 * @param mentions              the mentions the invoice must carry, each once
 * @param printBothVatNumbers   the invoice must show the seller's and the buyer's VAT numbers (CGI ann. II
 *                              art. 242 nonies A I 3° for exempt intra-EU supplies, 4° for reverse charge)
 * @param reverseCharge         the buyer accounts for the VAT of some lines
 * @param ossCountry            the member state whose VAT applies through OSS, when it does
 * @param distanceSalesAddition what this sale adds to the seller's EU distance sales of the year, excl. VAT
 * @param marginSchemeVat       for the accountant only: VAT due on the margin-scheme lines
 */
public record VatAssessment(List<AssessedLine> lines, List<DeliveryPart> delivery, List<VatBreakdown> breakdown,
        VatTotals totals, List<LegalMention> mentions, boolean printBothVatNumbers, boolean reverseCharge,
        Optional<VatCountry> ossCountry, Money distanceSalesAddition, List<MarginSchemeVat> marginSchemeVat) {

    public VatAssessment {
        lines = List.copyOf(lines);
        delivery = List.copyOf(delivery);
        breakdown = List.copyOf(breakdown);
        mentions = List.copyOf(mentions);
        marginSchemeVat = List.copyOf(marginSchemeVat);
    }

    VatAssessment withDistanceSalesAddition(Money addition) {
        return new VatAssessment(lines, delivery, breakdown, totals, mentions, printBothVatNumbers, reverseCharge,
                ossCountry, addition, marginSchemeVat);
    }

    public AssessedLine line(String reference) {
        return lines.stream().filter(line -> line.reference().equals(reference)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no line " + reference));
    }

    /** Total VAT due on margin-scheme lines (for the VAT return, not the invoice). */
    public Money totalMarginSchemeVat() {
        return marginSchemeVat.stream().map(MarginSchemeVat::vat).reduce(Money.zero(Money.EUR), Money::plus);
    }
}
