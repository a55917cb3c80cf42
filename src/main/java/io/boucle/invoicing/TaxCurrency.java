package io.boucle.invoicing;

import java.util.Objects;

import io.boucle.shared.ExchangeRate;
import io.boucle.shared.Money;

/**
 * What a document in another currency than the euro adds: the VAT total in euros (EN 16931 BT-111, with the VAT
 * accounting currency BT-6 EUR), and the reference rate its order was converted at, which it states.
 *
 * <p>The VAT total in euros is the VAT the order was assessed in euros, not a conversion of the rounded figures
 * in the document's currency (see the tax module's {@code AssessmentConversion}); a credit note's is its VAT
 * converted back at the same rate, or what remains of the invoice's when it credits all that remains.
 *
 * @param rate        the order's rate: one euro buys {@code rate.rate()} units of the document's currency
 * @param vatInEuros  BT-111
 */
public record TaxCurrency(ExchangeRate rate, Money vatInEuros) {

    public TaxCurrency {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(vatInEuros, "vatInEuros");
        if (rate.isIdentity()) {
            throw new IllegalArgumentException("a document in euros has no VAT total in another currency");
        }
        if (!vatInEuros.currency().equals(Money.EUR) || !vatInEuros.isRoundedToMinorUnit()) {
            throw new IllegalArgumentException("the VAT total in euros is an amount in euros to the cent: " + vatInEuros);
        }
    }
}
