package io.boucle.buyback;

import java.util.Optional;

import io.boucle.catalog.Condition;
import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestedPriceTests {

    @ParameterizedTest(name = "new {0}, {1}, bought {2}, {3} sales → {4}")
    @CsvSource(textBlock = """
            400.00, VERY_GOOD,     100.00,  0, 216.00
            400.00, VERY_GOOD,     100.00,  3, 240.00
            400.00, VERY_GOOD,     100.00, 12, 264.00
            400.00, NEW_WITH_TAGS, 100.00,  3, 300.00
            400.00, GOOD,          100.00,  3, 180.00
            400.00, FAIR,          100.00,  3, 125.00
            89.90,  GOOD,          10.00,   1, 40.00
            """)
    void followsTheNewPriceTheConditionAndTheDemandWithAFloorAboveThePurchasePrice(String newPrice, Condition condition,
            String purchase, long sales, String expected) {
        SuggestedPrice suggested = SuggestedPrice.of(Optional.of(Money.euros(newPrice)), condition, Money.euros(purchase), sales);
        assertThat(suggested.price()).isEqualTo(Money.euros(expected));
    }

    @Test
    void withoutANewProductStartsFromTwiceThePurchasePrice() {
        SuggestedPrice suggested = SuggestedPrice.of(Optional.empty(), Condition.NEW_WITH_TAGS, Money.euros("60.00"), 5);
        assertThat(suggested.reference()).isEqualTo(Money.euros("120.00"));
        assertThat(suggested.price()).isEqualTo(Money.euros("90.00"));
        assertThat(suggested.floored()).isFalse();
    }

    @Test
    void neverSuggestsLessThanThePurchasePricePlusAQuarter() {
        SuggestedPrice suggested = SuggestedPrice.of(Optional.of(Money.euros("50.00")), Condition.FAIR, Money.euros("30.00"), 0);
        assertThat(suggested.floored()).isTrue();
        assertThat(suggested.price()).isEqualTo(Money.euros("38.00"));
    }

    @Test
    void agesInBandsFromTheYearOfPurchase() {
        assertThat(AgeBand.of(2026, 2026)).isEqualTo(AgeBand.UNDER_1_YEAR);
        assertThat(AgeBand.of(2025, 2026)).isEqualTo(AgeBand.YEARS_1_TO_3);
        assertThat(AgeBand.of(2024, 2026)).isEqualTo(AgeBand.YEARS_1_TO_3);
        assertThat(AgeBand.of(2023, 2026)).isEqualTo(AgeBand.YEARS_3_TO_5);
        assertThat(AgeBand.of(2021, 2026)).isEqualTo(AgeBand.OVER_5_YEARS);
    }
}
