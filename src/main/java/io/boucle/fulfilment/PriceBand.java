package io.boucle.fulfilment;

import java.util.Objects;

import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;

/**
 * One line of a delivery method's price grid: parcels to {@code country} weighing at most
 * {@code maxWeightGrams} (and more than the previous band's maximum), whose goods cost at least
 * {@code minGoodsTotal}, pay {@code price} (VAT included).
 *
 * <p>A country's grid is a list of weight tiers; within a tier, bands from a goods amount make
 * delivery cheaper for bigger orders. A band without a country applies to every country the method
 * serves that has no band of its own.
 *
 * @param country        null for the default grid
 * @param minGoodsTotal  zero for a band that applies whatever the goods cost
 */
public record PriceBand(CountryCode country, int maxWeightGrams, Money minGoodsTotal, Money price) {

    public PriceBand {
        Objects.requireNonNull(minGoodsTotal, "minGoodsTotal");
        Objects.requireNonNull(price, "price");
    }

    /** A band by weight only. */
    public static PriceBand upTo(CountryCode country, int maxWeightGrams, Money price) {
        return new PriceBand(country, maxWeightGrams, Money.zero(price.currency()), price);
    }

    public boolean isDefault() {
        return country == null;
    }
}
