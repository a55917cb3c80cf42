package io.boucle.fulfilment;

import io.boucle.shared.CountryCode;
import io.boucle.shared.Money;

/**
 * What is to be delivered, for a quote: where to, how heavy, and what the goods cost (VAT included,
 * after discounts) since some methods are free above an amount.
 *
 * @param postalCode may be null when not known yet (e.g. the cart page)
 */
public record Parcel(CountryCode country, String postalCode, int weightGrams, Money goodsTotal) {

    public Parcel {
        java.util.Objects.requireNonNull(country, "country");
        java.util.Objects.requireNonNull(goodsTotal, "goodsTotal");
        if (weightGrams < 0) {
            throw new IllegalArgumentException("a parcel cannot weigh less than nothing: " + weightGrams + " g");
        }
    }
}
