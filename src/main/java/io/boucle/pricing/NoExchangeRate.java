package io.boucle.pricing;

import java.time.LocalDate;
import java.util.Currency;

/** No reference rate of the currency is in force on the day: import the ECB's rates first. */
public class NoExchangeRate extends IllegalStateException {

    public NoExchangeRate(Currency currency, LocalDate day) {
        super("no exchange rate of " + currency.getCurrencyCode() + " is in force on " + day
                + ": import the ECB reference rates first");
    }
}
