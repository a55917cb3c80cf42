package io.boucle.shared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An amount of money in one currency. Never floating point.
 *
 * <p>Arithmetic keeps full precision; rounding happens only where a rule says so, through
 * {@link #rounded(RoundingMode)}. Two amounts that differ only in trailing zeros are equal:
 * the amount is kept at the currency's minor-unit scale, or more when it carries more digits.
 */
public record Money(BigDecimal amount, java.util.Currency currency) implements Comparable<Money> {

    public static final java.util.Currency EUR = java.util.Currency.getInstance("EUR");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = normalise(amount, minorDigits(currency));
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), java.util.Currency.getInstance(currency));
    }

    public static Money of(BigDecimal amount, java.util.Currency currency) {
        return new Money(amount, currency);
    }

    public static Money euros(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    public static Money zero(java.util.Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** An amount given in the currency's minor unit (cents for EUR). */
    public static Money ofMinor(long minorUnits, java.util.Currency currency) {
        return new Money(BigDecimal.valueOf(minorUnits, minorDigits(currency)), currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(long quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /** Multiplies without rounding; call {@link #rounded(RoundingMode)} where the rule says. */
    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public Money abs() {
        return amount.signum() < 0 ? negate() : this;
    }

    /** Rounds to the currency's minor unit (the cent) with the given mode. */
    public Money rounded(RoundingMode mode) {
        return new Money(amount.setScale(minorDigits(currency), mode), currency);
    }

    public boolean isRoundedToMinorUnit() {
        return amount.scale() <= minorDigits(currency);
    }

    public long minorUnits() {
        if (!isRoundedToMinorUnit()) {
            throw new ArithmeticException(this + " is not rounded to the minor unit");
        }
        return amount.movePointRight(minorDigits(currency)).longValueExact();
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /**
     * Splits this amount in the given proportions without losing or creating a minor unit:
     * each part gets its share rounded down, and the cents left over go one by one to the parts
     * with the largest remainders (ties to the earlier part). The parts always add up to this
     * amount, and each part differs from its exact share by less than one minor unit.
     */
    public List<Money> allocate(List<BigDecimal> proportions) {
        if (proportions.isEmpty()) {
            throw new IllegalArgumentException("at least one proportion is needed");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal proportion : proportions) {
            if (proportion.signum() < 0) {
                throw new IllegalArgumentException("proportions cannot be negative: " + proportion);
            }
            sum = sum.add(proportion);
        }
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("proportions cannot all be zero");
        }
        long total = minorUnits();
        long sign = Long.signum(total);
        BigInteger magnitude = BigInteger.valueOf(Math.abs(total));
        int parts = proportions.size();
        long[] shares = new long[parts];
        BigDecimal[] remainders = new BigDecimal[parts];
        long given = 0;
        for (int i = 0; i < parts; i++) {
            BigDecimal exact = new BigDecimal(magnitude).multiply(proportions.get(i));
            BigDecimal[] division = exact.divideAndRemainder(sum);
            shares[i] = division[0].longValueExact();
            remainders[i] = division[1];
            given += shares[i];
        }
        long leftOver = magnitude.longValueExact() - given;
        List<Integer> byRemainder = new ArrayList<>(IntStream.range(0, parts).boxed().toList());
        byRemainder.sort(Comparator.<Integer, BigDecimal>comparing(i -> remainders[i]).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (int k = 0; k < leftOver; k++) {
            shares[byRemainder.get(k)]++;
        }
        List<Money> result = new ArrayList<>(parts);
        for (long share : shares) {
            result.add(ofMinor(sign * share, currency));
        }
        return Collections.unmodifiableList(result);
    }

    public List<Money> allocate(long... proportions) {
        return allocate(Arrays.stream(proportions).mapToObj(BigDecimal::valueOf).toList());
    }

    /** Splits into {@code parts} amounts as equal as possible, the larger ones first. */
    public List<Money> split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1");
        }
        long[] ones = new long[parts];
        Arrays.fill(ones, 1);
        return allocate(ones);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + this + " and " + other);
        }
    }

    private static int minorDigits(java.util.Currency currency) {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    private static BigDecimal normalise(BigDecimal amount, int minorDigits) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(stripped.scale(), minorDigits), RoundingMode.UNNECESSARY);
    }
}
