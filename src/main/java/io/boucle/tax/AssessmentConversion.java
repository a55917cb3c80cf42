package io.boucle.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.boucle.shared.ExchangeRate;
import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/**
 * A VAT assessment made in euros, shown and charged in another currency (see
 * {@link VatAssessment#convertedAt(ExchangeRate)}).
 *
 * <p>The VAT is assessed in euros (rates, thresholds and the OSS count are in euros); the conversion changes
 * no treatment, rate or category, only the figures, so that they still add up in the other currency, by the
 * rules the engine applies in euros:
 * <ol>
 * <li>each line's and delivery part's price incl. VAT is converted once from its euro figure, rounded half up to
 * the currency's minor unit ({@link ExchangeRate#fromEuros}): that is what the customer is charged for it, and
 * the amount payable is their sum, so the lines always add up to the total charged;</li>
 * <li>per breakdown row, the taxable amount is the base nearest the exact net of the row's converted prices whose
 * VAT, base × rate rounded half up (BR-CO-17), brings it back to them ({@code SaleComputation.baseFitting}); it is
 * shared out among the row's lines and delivery parts in proportion to their prices, to the minor unit, adding
 * up exactly (BR-S-08); a line's VAT is its price less its share, so a line at rate 0 shows no VAT;</li>
 * <li>the totals are the sums of the rows; when no base fits a row's prices, the minor unit left over is the
 * rounding amount (BT-114, BR-CO-16), at most one per row, as in euros.</li>
 * </ol>
 * The figures the accountant declares stay those of the euro assessment: its VAT is the VAT total in
 * euros the invoice states (BT-111), never a conversion back of the rounded converted figures. The
 * distance-sales addition and the margin-scheme VAT, figures for the returns only, stay in euros.
 */
final class AssessmentConversion {

    private static final RoundingMode MODE = RoundingMode.HALF_UP;
    private static final int UNIT_PRICE_DECIMALS = 4;

    private AssessmentConversion() {
    }

    private record RowKey(VatCategory category, Percentage rate) {
    }

    static VatAssessment convert(VatAssessment euros, ExchangeRate rate) {
        if (!euros.totals().payable().currency().equals(Money.EUR)) {
            throw new IllegalArgumentException("only an assessment in euros is converted, not one in "
                    + euros.totals().payable().currency());
        }
        if (rate.isIdentity()) {
            return euros;
        }
        Money zero = Money.zero(rate.currency());
        int count = euros.lines().size() + euros.delivery().size();
        Money[] charged = new Money[count];
        Map<RowKey, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < euros.lines().size(); i++) {
            AssessedLine line = euros.lines().get(i);
            charged[i] = rate.fromEuros(line.total().inclVat());
            rows.computeIfAbsent(new RowKey(line.category(), line.rate()), any -> new ArrayList<>()).add(i);
        }
        for (int j = 0; j < euros.delivery().size(); j++) {
            DeliveryPart part = euros.delivery().get(j);
            int i = euros.lines().size() + j;
            charged[i] = rate.fromEuros(part.amounts().inclVat());
            rows.computeIfAbsent(new RowKey(part.category(), part.rate()), any -> new ArrayList<>()).add(i);
        }
        Money[] exclVat = new Money[count];
        List<VatBreakdown> breakdown = new ArrayList<>();
        Money totalExcl = zero;
        Money totalVat = zero;
        Money payable = zero;
        for (VatBreakdown row : euros.breakdown()) {
            List<Integer> members = rows.remove(new RowKey(row.category(), row.rate()));
            if (members == null) {
                throw new IllegalStateException("no line is taxed " + row.category() + " " + row.rate());
            }
            Money rowCharged = members.stream().map(i -> charged[i]).reduce(zero, Money::plus);
            Money base = SaleComputation.baseFitting(rowCharged, row.rate());
            if (rowCharged.isZero()) {
                members.forEach(i -> exclVat[i] = zero);
            } else {
                List<Money> shares = base.allocate(members.stream().map(i -> charged[i].amount()).toList());
                for (int k = 0; k < members.size(); k++) {
                    exclVat[members.get(k)] = shares.get(k);
                }
            }
            Money rowVat = row.rate().of(base).rounded(MODE);
            breakdown.add(new VatBreakdown(row.category(), row.rate(), row.exemptionReason(), row.exemptionText(), base, rowVat));
            totalExcl = totalExcl.plus(base);
            totalVat = totalVat.plus(rowVat);
            payable = payable.plus(rowCharged);
        }
        if (!rows.isEmpty()) {
            throw new IllegalStateException("lines taxed " + rows.keySet() + " have no breakdown row");
        }
        List<AssessedLine> lines = new ArrayList<>();
        for (int i = 0; i < euros.lines().size(); i++) {
            AssessedLine line = euros.lines().get(i);
            lines.add(new AssessedLine(line.reference(), line.quantity(), line.regime(), line.taxCountry(), line.rate(),
                    line.category(), line.exemptionReason(),
                    new AssessedLine.UnitAmounts(unit(exclVat[i], line.quantity()), unit(charged[i], line.quantity())),
                    Amounts.of(exclVat[i], charged[i])));
        }
        List<DeliveryPart> delivery = new ArrayList<>();
        for (int j = 0; j < euros.delivery().size(); j++) {
            DeliveryPart part = euros.delivery().get(j);
            int i = euros.lines().size() + j;
            delivery.add(new DeliveryPart(part.regime(), part.taxCountry(), part.rate(), part.category(),
                    part.exemptionReason(), Amounts.of(exclVat[i], charged[i])));
        }
        Money inclVat = totalExcl.plus(totalVat);
        VatTotals totals = new VatTotals(totalExcl, totalVat, inclVat, payable.minus(inclVat), payable);
        return new VatAssessment(lines, delivery, breakdown, totals, euros.mentions(), euros.printBothVatNumbers(),
                euros.reverseCharge(), euros.ossCountry(), euros.distanceSalesAddition(), euros.marginSchemeVat());
    }

    private static Money unit(Money total, int quantity) {
        return Money.of(total.amount().divide(BigDecimal.valueOf(quantity), UNIT_PRICE_DECIMALS, MODE), total.currency());
    }
}
