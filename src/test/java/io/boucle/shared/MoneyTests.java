package io.boucle.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MoneyTests {

    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void amountsDifferingOnlyInTrailingZerosAreEqualWithTheSameHashCode() {
        Money a = Money.euros("1.5");
        Money b = Money.euros("1.500");
        Money c = Money.of(new BigDecimal("1.50000"), Money.EUR);

        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo(c.hashCode());
    }

    @ParameterizedTest
    @CsvSource({
            "1.5,     EUR, 1.50",
            "100,     EUR, 100.00",
            "1E+2,    EUR, 100.00",
            "0.000,   EUR, 0.00",
            "1.23456, EUR, 1.23456",
            "-7,      EUR, -7.00",
            "100,     JPY, 100",
            "100.00,  JPY, 100",
            "12.5,    JPY, 12.5",
            "1,       BHD, 1.000",
    })
    void amountIsKeptAtTheMinorUnitScaleOrMoreWhenItCarriesMoreDigits(String amount, String currency,
            String expected) {
        assertThat(Money.of(amount, currency).amount()).isEqualByComparingTo(expected)
                .hasScaleOf(new BigDecimal(expected).scale());
    }

    @Test
    void amountsInDifferentCurrenciesAreNotEqual() {
        assertThat(Money.of("10", "EUR")).isNotEqualTo(Money.of("10", "USD"));
    }

    @Test
    void rejectsNullAmountOrCurrency() {
        assertThatThrownBy(() -> new Money(null, Money.EUR)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringShowsThePlainAmountAndCurrencyCode() {
        assertThat(Money.euros("1E+3")).hasToString("1000.00 EUR");
        assertThat(Money.of("1500", "JPY")).hasToString("1500 JPY");
    }

    @ParameterizedTest
    @CsvSource({
            "EUR, 1999, 19.99",
            "EUR, -5,   -0.05",
            "EUR, 0,    0.00",
            "JPY, 1999, 1999",
            "BHD, 1999, 1.999",
    })
    void ofMinorReadsTheAmountInTheCurrencysMinorUnit(String currency, long minor, String expected) {
        Money money = Money.ofMinor(minor, Currency.getInstance(currency));

        assertThat(money).isEqualTo(Money.of(expected, currency));
        assertThat(money.minorUnits()).isEqualTo(minor);
    }

    @Test
    void yenHasNoMinorDigits() {
        Money yen = Money.of("1234", "JPY");

        assertThat(yen.minorUnits()).isEqualTo(1234);
        assertThat(yen.amount().scale()).isZero();
        assertThat(Money.of("0.4", "JPY").rounded(RoundingMode.HALF_UP)).isEqualTo(Money.zero(JPY));
        assertThat(Money.of("0.5", "JPY").rounded(RoundingMode.HALF_UP)).isEqualTo(Money.ofMinor(1, JPY));
    }

    @Test
    void currencyWithoutMinorUnitIsTreatedAsHavingNone() {
        Money gold = Money.of("3.00", "XAU");

        assertThat(gold.amount()).isEqualByComparingTo("3").hasScaleOf(0);
        assertThat(gold.minorUnits()).isEqualTo(3);
    }

    @Test
    void minorUnitsOfAnUnroundedAmountThrows() {
        Money unrounded = Money.euros("1.005");

        assertThat(unrounded.isRoundedToMinorUnit()).isFalse();
        assertThatThrownBy(unrounded::minorUnits).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void arithmeticKeepsFullPrecision() {
        assertThat(Money.euros("0.10").plus(Money.euros("0.20"))).isEqualTo(Money.euros("0.30"));
        assertThat(Money.euros("10.00").minus(Money.euros("10.01"))).isEqualTo(Money.euros("-0.01"));
        assertThat(Money.euros("19.99").times(3)).isEqualTo(Money.euros("59.97"));
        assertThat(Money.euros("10.00").times(new BigDecimal("0.055"))).isEqualTo(Money.euros("0.55"));
        assertThat(Money.euros("9.99").times(new BigDecimal("0.055")).amount()).isEqualByComparingTo("0.54945");
        assertThat(Money.euros("12.34").negate()).isEqualTo(Money.euros("-12.34"));
    }

    @Test
    void absMakesNegativeAmountsPositiveAndLeavesOthersAlone() {
        assertThat(Money.euros("-3.20").abs()).isEqualTo(Money.euros("3.20"));
        assertThat(Money.euros("3.20").abs()).isEqualTo(Money.euros("3.20"));
        assertThat(Money.euros("0").abs()).isEqualTo(Money.zero(Money.EUR));
    }

    @ParameterizedTest
    @CsvSource({
            "0.125,  HALF_UP,   0.13",
            "0.125,  HALF_EVEN, 0.12",
            "0.135,  HALF_UP,   0.14",
            "0.135,  HALF_EVEN, 0.14",
            "-0.125, HALF_UP,   -0.13",
            "-0.125, HALF_EVEN, -0.12",
            "0.121,  HALF_UP,   0.12",
            "0.129,  DOWN,      0.12",
            "-0.121, FLOOR,     -0.13",
            "0.121,  CEILING,   0.13",
    })
    void roundsToTheCentWithTheGivenMode(String amount, RoundingMode mode, String expected) {
        Money rounded = Money.euros(amount).rounded(mode);

        assertThat(rounded).isEqualTo(Money.euros(expected));
        assertThat(rounded.isRoundedToMinorUnit()).isTrue();
    }

    static Stream<Arguments> currencyMismatches() {
        Money euros = Money.euros("1.00");
        Money dollars = Money.of("1.00", "USD");
        return Stream.<Function<Money, Object>>of(
                        euros::plus, euros::minus, euros::compareTo, euros::isGreaterThan,
                        euros::isLessThan, euros::max, euros::min)
                .map(operation -> Arguments.of(operation, dollars));
    }

    @ParameterizedTest
    @MethodSource("currencyMismatches")
    void operationsOnDifferentCurrenciesThrow(Function<Money, Object> operation, Money other) {
        assertThatThrownBy(() -> operation.apply(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency mismatch");
    }

    @Test
    void signPredicatesFollowTheAmount() {
        assertThat(Money.euros("0.01").isPositive()).isTrue();
        assertThat(Money.euros("0.01").isNegative()).isFalse();
        assertThat(Money.euros("-0.01").isNegative()).isTrue();
        assertThat(Money.euros("-0.01").isPositive()).isFalse();
        assertThat(Money.euros("0.00").isZero()).isTrue();
        assertThat(Money.euros("0.00").isPositive()).isFalse();
        assertThat(Money.euros("0.001").isZero()).isFalse();
    }

    @Test
    void comparisonIsByAmount() {
        Money small = Money.euros("9.99");
        Money large = Money.euros("10.00");

        assertThat(large.isGreaterThan(small)).isTrue();
        assertThat(small.isGreaterThan(large)).isFalse();
        assertThat(small.isLessThan(large)).isTrue();
        assertThat(large.isLessThan(large)).isFalse();
        assertThat(Money.euros("10").compareTo(Money.euros("10.000"))).isZero();
        assertThat(small.max(large)).isSameAs(large);
        assertThat(large.max(small)).isSameAs(large);
        assertThat(small.min(large)).isSameAs(small);
        assertThat(large.min(small)).isSameAs(small);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "100.00 | 1:1:1 | 33.34:33.33:33.33",
            "-100.00 | 1:1:1 | -33.34:-33.33:-33.33",
            "0.05   | 3:7   | 0.02:0.03",
            "0.05   | 7:3   | 0.04:0.01",
            "1.00   | 1:0:1 | 0.50:0.00:0.50",
            "0.01   | 1:1:1 | 0.01:0.00:0.00",
            "0.02   | 1:1:1 | 0.01:0.01:0.00",
            "10.00  | 1     | 10.00",
            "0.00   | 2:5   | 0.00:0.00",
            "100.00 | 20:30:50 | 20.00:30.00:50.00",
            "0.10   | 1:2:2 | 0.02:0.04:0.04",
            "0.07   | 1:1:1:1 | 0.02:0.02:0.02:0.01",
            "1.00   | 1:2:3 | 0.17:0.33:0.50",
            "0.10   | 1:1:2 | 0.03:0.02:0.05",
            "-1.00  | 1:2:3 | -0.17:-0.33:-0.50",
    })
    void allocatesByLargestRemainderWithTiesToTheEarlierPart(String amount, String ratios, String expected) {
        long[] proportions = Arrays.stream(ratios.split(":")).mapToLong(Long::parseLong).toArray();

        List<Money> parts = Money.euros(amount).allocate(proportions);

        assertThat(parts).containsExactlyElementsOf(
                Arrays.stream(expected.split(":")).map(Money::euros).toList());
    }

    @Test
    void allocatesByDecimalProportions() {
        List<Money> parts = Money.euros("10.00")
                .allocate(List.of(new BigDecimal("0.5"), new BigDecimal("0.25"), new BigDecimal("0.25")));

        assertThat(parts).containsExactly(Money.euros("5.00"), Money.euros("2.50"), Money.euros("2.50"));
    }

    @Test
    void allocatesYenInWholeYen() {
        assertThat(Money.of("100", "JPY").allocate(1, 1, 1))
                .containsExactly(Money.ofMinor(34, JPY), Money.ofMinor(33, JPY), Money.ofMinor(33, JPY));
    }

    @Test
    void allocatedPartsKeepTheCurrency() {
        assertThat(Money.of("10.00", "USD").allocate(1, 2)).allSatisfy(part -> assertThat(part.currency()).isEqualTo(USD));
    }

    @Test
    void allocationResultCannotBeModified() {
        List<Money> parts = Money.euros("1.00").allocate(1, 1);

        assertThatThrownBy(() -> parts.add(Money.euros("1.00"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void allocationRejectsBadProportions() {
        Money money = Money.euros("10.00");

        assertThatThrownBy(() -> money.allocate(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> money.allocate(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> money.allocate(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allocationOfAnUnroundedAmountThrows() {
        assertThatThrownBy(() -> Money.euros("1.005").allocate(1, 1)).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "100.00 | 3 | 33.34:33.33:33.33",
            "0.10   | 4 | 0.03:0.03:0.02:0.02",
            "0.02   | 3 | 0.01:0.01:0.00",
            "9.00   | 1 | 9.00",
            "-0.10  | 4 | -0.03:-0.03:-0.02:-0.02",
    })
    void splitsIntoNearlyEqualPartsTheLargerOnesFirst(String amount, int parts, String expected) {
        assertThat(Money.euros(amount).split(parts)).containsExactlyElementsOf(
                Arrays.stream(expected.split(":")).map(Money::euros).toList());
    }

    @Test
    void splitRejectsFewerThanOnePart() {
        assertThatThrownBy(() -> Money.euros("1.00").split(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.euros("1.00").split(-2)).isInstanceOf(IllegalArgumentException.class);
    }
}
