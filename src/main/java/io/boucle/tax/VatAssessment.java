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

    /**
     * The same assessment with its lines known by other references, e.g. a cart's line ids replaced by the
     * positions of the order lines they became. Every line's reference must be renamed, to distinct names.
     *
     * @throws IllegalArgumentException when a line has no new name, or two lines get the same one
     */
    public VatAssessment withReferences(java.util.Map<String, String> renamed) {
        java.util.Set<String> names = new java.util.HashSet<>();
        List<AssessedLine> renamedLines = lines.stream().map(line -> {
            String name = renamed.get(line.reference());
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("no new reference for line " + line.reference());
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("two lines would be known as " + name);
            }
            return new AssessedLine(name, line.quantity(), line.regime(), line.taxCountry(), line.rate(), line.category(),
                    line.exemptionReason(), line.unit(), line.total());
        }).toList();
        List<MarginSchemeVat> renamedMargins = marginSchemeVat.stream()
                .map(margin -> new MarginSchemeVat(renamed.getOrDefault(margin.reference(), margin.reference()), margin.rate(),
                        margin.sellingPrice(), margin.purchasePrice(), margin.margin(), margin.vat()))
                .toList();
        return new VatAssessment(renamedLines, delivery, breakdown, totals, mentions, printBothVatNumbers, reverseCharge,
                ossCountry, distanceSalesAddition, renamedMargins);
    }

    /**
     * This assessment, made in euros, in the currency of an exchange rate: every figure converted so that the
     * lines, the breakdown and the totals still add up, the treatments unchanged (see {@link AssessmentConversion});
     * this same assessment for the euro.
     */
    public VatAssessment convertedAt(io.boucle.shared.ExchangeRate rate) {
        return AssessmentConversion.convert(this, rate);
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
