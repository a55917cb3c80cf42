package io.boucle.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentageTests {

    @Test
    void valuesDifferingOnlyInTrailingZerosAreEqual() {
        assertThat(Percentage.of("20.00")).isEqualTo(Percentage.of(20)).isEqualTo(Percentage.of("2E+1"));
        assertThat(Percentage.of("5.50").hashCode()).isEqualTo(Percentage.of("5.5").hashCode());
        assertThat(Percentage.of("0.0")).isEqualTo(Percentage.ZERO);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> new Percentage(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "20,   0.2",
            "5.5,  0.055",
            "100,  1",
            "0,    0",
            "2.1,  0.021",
    })
    void fractionIsTheValueOverAHundred(String percentage, String fraction) {
        assertThat(Percentage.of(percentage).fraction()).isEqualByComparingTo(fraction);
    }

    @ParameterizedTest
    @CsvSource({
            "20,  100.00, 20.00",
            "5.5, 10.00,  0.55",
            "5.5, 9.99,   0.54945",
            "0,   42.00,  0.00",
            "20,  -50.00, -10.00",
    })
    void ofTakesTheShareOfAnAmountWithoutRounding(String percentage, String amount, String expected) {
        assertThat(Percentage.of(percentage).of(Money.euros(amount))).isEqualTo(Money.euros(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "120.00, 20,  HALF_UP,   20.00",
            "105.50, 5.5, HALF_UP,   5.50",
            "60.00,  20,  HALF_UP,   10.00",
            "10.00,  20,  HALF_UP,   1.67",
            "10.00,  20,  DOWN,      1.66",
            "-120.00, 20, HALF_UP,   -20.00",
            "100.00, 0,   HALF_UP,   0.00",
            "1.00,   2.1, HALF_UP,   0.02",
            "0.03,   20,  HALF_UP,   0.01",
            "0.03,   20,  HALF_EVEN, 0.00",
            "0.09,   20,  HALF_EVEN, 0.02",
            "-0.03,  20,  HALF_UP,   -0.01",
    })
    void includedInExtractsTheTaxFromAGrossPrice(String gross, String rate, RoundingMode mode, String expected) {
        Money tax = Percentage.of(rate).includedIn(Money.euros(gross), mode);

        assertThat(tax).isEqualTo(Money.euros(expected));
        assertThat(tax.isRoundedToMinorUnit()).isTrue();
    }

    @Test
    void includedInOfADifferenceOfPricesIsTheTaxOnThatDifference() {
        Money difference = Money.euros("160.00").minus(Money.euros("100.00"));

        assertThat(Percentage.of(20).includedIn(difference, RoundingMode.HALF_UP)).isEqualTo(Money.euros("10.00"));
    }

    @Test
    void includedInPlusNetGivesBackTheGross() {
        Money gross = Money.euros("119.99");
        Percentage rate = Percentage.of(20);

        Money tax = rate.includedIn(gross, RoundingMode.HALF_UP);
        Money net = gross.minus(tax);

        assertThat(rate.of(net).rounded(RoundingMode.HALF_UP).plus(net).minus(gross).abs())
                .isLessThanOrEqualTo(Money.euros("0.01"));
    }

    @Test
    void includedInKeepsTheCurrencyAndItsMinorUnit() {
        Money tax = Percentage.of(10).includedIn(Money.of("1000", "JPY"), RoundingMode.HALF_UP);

        assertThat(tax).isEqualTo(Money.of("91", "JPY"));
    }

    @Test
    void orderingIsByValue() {
        assertThat(Percentage.of("5.5")).isLessThan(Percentage.of(20));
        assertThat(Percentage.of("20.0").compareTo(Percentage.of(20))).isZero();
        assertThat(Percentage.of(0).isZero()).isTrue();
        assertThat(Percentage.of("0.01").isZero()).isFalse();
    }

    @Test
    void toStringShowsThePlainValueWithAPercentSign() {
        assertThat(Percentage.of("2E+1")).hasToString("20 %");
        assertThat(Percentage.of("5.50")).hasToString("5.5 %");
        assertThat(new Percentage(new BigDecimal("0.000"))).hasToString("0 %");
    }
}
