package io.boucle.tax;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/**
 * Every rounding the VAT engine does, in one place.
 *
 * <p><b>Mode</b>: half up to the cent. Amounts in euro are rounded to the nearest cent, a half cent
 * upwards (Council Regulation (EC) No 1103/97 art. 5), which is also French accounting practice; the
 * VAT Directive leaves the method to member states within neutrality (CJEU C-302/07 Wetherspoon,
 * which also allows rounding per rate on the invoice total rather than per line).
 *
 * <p><b>Where</b>: once per price charged (a repriced unit price or delivery part), once per breakdown
 * row for its base and its VAT (EN 16931 BR-CO-17), once per margin-scheme line for its VAT, and unit
 * prices excl. VAT to four decimals. Splits of an amount already in cents use {@link Money#allocate},
 * which neither creates nor loses a cent.
 *
 * <p>Quotients are taken to 34 significant digits before the single rounding to the cent; the
 * denominators here (100 + a rate with at most two decimals) cannot bring a non-terminating quotient
 * that close to a half cent, so no double rounding can occur.
 */
final class VatRounding {

    static final RoundingMode MODE = RoundingMode.HALF_UP;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int UNIT_PRICE_DECIMALS = 4;

    private VatRounding() {
    }

    /**
     * The price charged when the rate that applies differs from the one the catalog price includes:
     * the price excl. VAT stays the same, {@code gross × (100 + to) / (100 + from)}, to the cent.
     */
    static Money reprice(Money gross, Percentage from, Percentage to) {
        if (from.compareTo(to) == 0) {
            return gross;
        }
        BigDecimal exact = gross.amount().multiply(HUNDRED.add(to.value()))
                .divide(HUNDRED.add(from.value()), MathContext.DECIMAL128);
        return Money.of(exact, gross.currency()).rounded(MODE);
    }

    /** The exact price excl. VAT in a price incl. VAT, not rounded: a weight for pro-rata splits. */
    static BigDecimal exactNet(Money gross, Percentage rate) {
        return gross.amount().multiply(HUNDRED).divide(HUNDRED.add(rate.value()), MathContext.DECIMAL128);
    }

    /** The base excl. VAT nearest to a total incl. VAT, to the cent. */
    static Money netOf(Money gross, Percentage rate) {
        return Money.of(exactNet(gross, rate), gross.currency()).rounded(MODE);
    }

    /** VAT on a base: {@code base × rate / 100} to the cent (BR-CO-17). */
    static Money vatOn(Money base, Percentage rate) {
        return rate.of(base).rounded(MODE);
    }

    /** The VAT included in an amount incl. VAT: {@code amount × rate / (100 + rate)} to the cent. */
    static Money vatIncludedIn(Money gross, Percentage rate) {
        return rate.includedIn(gross, MODE);
    }

    /** A unit price from a line total, to four decimals (EN 16931 BT-146 is not limited to cents). */
    static Money unitPrice(Money total, int quantity) {
        return Money.of(total.amount().divide(BigDecimal.valueOf(quantity), UNIT_PRICE_DECIMALS, MODE),
                total.currency());
    }
}
