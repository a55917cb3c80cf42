package io.boucle.cart;

import java.util.Currency;

/**
 * A cart charged in a currency that has no exchange rate in force: it cannot be priced in it. A cart only takes
 * a currency with a rate in force, and rates stay in force until replaced, so this says the rates were removed.
 */
public class CurrencyUnavailable extends IllegalStateException {

    public CurrencyUnavailable(Currency currency) {
        super("no exchange rate for " + currency.getCurrencyCode() + " is in force: the cart cannot be priced in it");
    }
}
