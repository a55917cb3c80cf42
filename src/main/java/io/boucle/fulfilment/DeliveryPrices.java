package io.boucle.fulfilment;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.Money;

/**
 * What a method charges for a parcel. The country's own bands apply, or the default bands when it
 * has none; the parcel falls in the lightest weight tier that holds it, and within that tier in
 * the band with the highest goods amount it reaches. From the free-above amount (reached exactly
 * counts), delivery costs nothing. A parcel heavier than the heaviest tier, to a country the
 * method does not serve, or in another currency, gets no price.
 */
final class DeliveryPrices {

    private DeliveryPrices() {
    }

    static Optional<Money> price(DeliveryMethod method, Parcel parcel) {
        if (!method.countries().contains(parcel.country())
                || !method.currency().equals(parcel.goodsTotal().currency())) {
            return Optional.empty();
        }
        List<PriceBand> grid = gridFor(method.priceBands(), parcel);
        Optional<Integer> tier = grid.stream().map(PriceBand::maxWeightGrams)
                .filter(max -> max >= parcel.weightGrams()).min(Comparator.naturalOrder());
        if (tier.isEmpty()) {
            return Optional.empty();
        }
        Optional<Money> price = grid.stream()
                .filter(band -> band.maxWeightGrams() == tier.get())
                .filter(band -> !band.minGoodsTotal().isGreaterThan(parcel.goodsTotal()))
                .max(Comparator.comparing(PriceBand::minGoodsTotal))
                .map(PriceBand::price);
        if (price.isPresent() && method.freeAbove().isPresent()
                && !parcel.goodsTotal().isLessThan(method.freeAbove().get())) {
            return Optional.of(Money.zero(method.currency()));
        }
        return price;
    }

    private static List<PriceBand> gridFor(List<PriceBand> bands, Parcel parcel) {
        List<PriceBand> own = bands.stream().filter(band -> parcel.country().equals(band.country())).toList();
        return own.isEmpty() ? bands.stream().filter(PriceBand::isDefault).toList() : own;
    }
}
