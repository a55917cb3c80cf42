package io.boucle.shared;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeRateTests {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 2);

    @ParameterizedTest(name = "{0} EUR at {1} {2} = {3} {2}")
    @CsvSource({
            "10.00,   0.8715, GBP, 8.72",   // 8.715 → half up
            "10.00,   0.87149, GBP, 8.71",  // 8.7149
            "0.01,    0.8715, GBP, 0.01",   // 0.008715
            "0.005,   1,      GBP, 0.01",   // exactly half a penny → up
            "24.00,   1.1650, USD, 27.96",
            "19.99,   0.9315, CHF, 18.62",  // 18.620685
            "100.00,  181.20, JPY, 18120",  // no minor unit
            "1.23,    181.20, JPY, 223",    // 222.876
            "-10.00,  0.8715, GBP, -8.72",  // a refund rounds away from zero, like the sale
    })
    void convertsEurosToTheCurrencyRoundedHalfUpToItsMinorUnit(String euros, String rate, String code, String expected) {
        Currency currency = Currency.getInstance(code);
        ExchangeRate fx = new ExchangeRate(currency, new BigDecimal(rate), DAY);

        assertThat(fx.fromEuros(Money.euros(euros))).isEqualTo(Money.of(expected, code));
    }

    @ParameterizedTest(name = "{0} {2} at {1} = {3} EUR")
    @CsvSource({
            "8.72,   0.8715, GBP, 10.01",  // 10.005737… → 10.01
            "1.74,   0.8715, GBP, 2.00",   // 1.99655…
            "27.96,  1.1650, USD, 24.00",
            "3.11,   0.9315, CHF, 3.34",   // 3.338701…
            "18120,  181.20, JPY, 100.00",
    })
    void convertsTheCurrencyToEurosRoundedHalfUpToTheCent(String amount, String rate, String code, String expected) {
        ExchangeRate fx = new ExchangeRate(Currency.getInstance(code), new BigDecimal(rate), DAY);

        assertThat(fx.toEuros(Money.of(amount, code))).isEqualTo(Money.euros(expected));
    }

    @Test
    void euroIsTheIdentity() {
        ExchangeRate euro = ExchangeRate.identity(DAY);

        assertThat(euro.isIdentity()).isTrue();
        assertThat(euro.fromEuros(Money.euros("12.34"))).isEqualTo(Money.euros("12.34"));
        assertThat(euro.toEuros(Money.euros("12.34"))).isEqualTo(Money.euros("12.34"));
    }

    @Test
    void refusesAmountsInTheWrongCurrencyAndRatesThatAreNotPositive() {
        ExchangeRate pound = new ExchangeRate(Currency.getInstance("GBP"), new BigDecimal("0.8715"), DAY);

        assertThatThrownBy(() -> pound.fromEuros(Money.of("1.00", "USD"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pound.toEuros(Money.euros("1.00"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExchangeRate(Currency.getInstance("GBP"), BigDecimal.ZERO, DAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExchangeRate(Money.EUR, new BigDecimal("1.1"), DAY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
