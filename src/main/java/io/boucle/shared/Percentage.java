package io.boucle.shared;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/** A percentage such as 20 or 5.5 (meaning 20 % and 5.5 %), exact. */
public record Percentage(BigDecimal value) implements Comparable<Percentage> {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static final Percentage ZERO = new Percentage(BigDecimal.ZERO);

    public Percentage {
        Objects.requireNonNull(value, "value");
        BigDecimal stripped = value.stripTrailingZeros();
        value = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static Percentage of(String value) {
        return new Percentage(new BigDecimal(value));
    }

    public static Percentage of(long value) {
        return new Percentage(BigDecimal.valueOf(value));
    }

    /** 20 % as 0.2. */
    public BigDecimal fraction() {
        return value.movePointLeft(2);
    }

    /** This share of an amount, not rounded. */
    public Money of(Money amount) {
        return amount.times(fraction());
    }

    /**
     * The part of a price including this rate that is the tax: {@code gross × rate / (100 + rate)},
     * rounded to the cent with the given mode.
     */
    public Money includedIn(Money gross, RoundingMode mode) {
        BigDecimal share = gross.amount().multiply(value)
                .divide(HUNDRED.add(value), MathContext.DECIMAL128);
        return Money.of(share, gross.currency()).rounded(mode);
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    @Override
    public int compareTo(Percentage other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString() + " %";
    }
}
