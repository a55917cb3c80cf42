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
}
