package io.boucle.tax;

import java.util.Objects;

import io.boucle.shared.Money;

/**
 * The seller's intra-Community distance sales to consumers, excl. VAT, in EUR, as the caller keeps
 * them (the engine holds no state): the total of the current calendar year before this sale, and the
 * total of the previous calendar year. Each assessment tells how much it adds
 * ({@link VatAssessment#distanceSalesAddition()}).
 *
 * @param optedForDestinationTaxation the seller opted to tax every distance sale in the member state of
 *                                    arrival even under the threshold (Directive 2006/112/EC art. 59c(3),
 *                                    binding for two calendar years)
 */
public record DistanceSales(Money currentYearSoFar, Money previousYear, boolean optedForDestinationTaxation) {

    public DistanceSales {
        Objects.requireNonNull(currentYearSoFar, "currentYearSoFar");
        Objects.requireNonNull(previousYear, "previousYear");
        if (!currentYearSoFar.currency().equals(Money.EUR) || !previousYear.currency().equals(Money.EUR)) {
            throw new IllegalArgumentException("distance sales are counted in EUR, like the threshold");
        }
        if (currentYearSoFar.isNegative() || previousYear.isNegative()) {
            throw new IllegalArgumentException("distance sales cannot be negative");
        }
    }

    public static DistanceSales of(Money currentYearSoFar, Money previousYear) {
        return new DistanceSales(currentYearSoFar, previousYear, false);
    }

    /** A seller with no distance sales yet, this year or last. */
    public static DistanceSales none() {
        return of(Money.zero(Money.EUR), Money.zero(Money.EUR));
    }
}
