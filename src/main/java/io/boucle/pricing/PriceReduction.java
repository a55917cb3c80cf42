package io.boucle.pricing;

import java.math.BigDecimal;

import io.boucle.shared.Money;

/**
 * A lawful price reduction (Code de la consommation L112-1-1): the current price against the
 * lowest price of the previous 30 days.
 *
 * @param percent rounded down to a whole percent, so the shop never announces more than is true
 */
public record PriceReduction(Money price, Money referencePrice, BigDecimal percent) {
}
