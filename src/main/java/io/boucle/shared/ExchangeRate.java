package io.boucle.shared;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A reference rate in the ECB's terms: one euro buys {@code rate} units of {@code currency}, as published for
 * {@code date}. Conversions round to the target currency's minor unit, half up (0.005 → 0.01), the rounding
 * the VAT amounts of invoices use.
 *
 * <p>{@link #identity(LocalDate)} is the rate of an amount in euros: 1, converting nothing.
 */
public record ExchangeRate(Currency currency, BigDecimal rate, LocalDate date) {

    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public ExchangeRate {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(date, "date");
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("an exchange rate is positive: " + rate);
        }
        if (currency.equals(Money.EUR) && rate.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("one euro is one euro, not " + rate);
        }
        rate = rate.stripTrailingZeros();
    }

    public static ExchangeRate identity(LocalDate date) {
        return new ExchangeRate(Money.EUR, BigDecimal.ONE, date);
    }

    public boolean isIdentity() {
        return currency.equals(Money.EUR);
    }

    /** An amount in euros in this rate's currency, rounded to its minor unit. */
    public Money fromEuros(Money euros) {
        if (!euros.currency().equals(Money.EUR)) {
            throw new IllegalArgumentException("not an amount in euros: " + euros);
        }
        return Money.of(euros.amount().multiply(rate), currency).rounded(ROUNDING);
    }

    /** An amount in this rate's currency in euros, rounded to the cent. */
    public Money toEuros(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new IllegalArgumentException("not an amount in " + currency + ": " + amount);
        }
        return Money.of(amount.amount().divide(rate, MathContext.DECIMAL128), Money.EUR).rounded(ROUNDING);
    }
}
