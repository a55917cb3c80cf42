package io.boucle.pricing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReferencePriceTests {

    static final Instant NOW = Instant.parse("2026-05-10T10:00:00Z");

    /** "60@-25, 45@-10" : prices and how many days before now each was recorded. */
    static List<ReferencePrice.PricePoint> history(String points) {
        List<ReferencePrice.PricePoint> history = new ArrayList<>();
        if (!points.isBlank()) {
            for (String point : points.split(",")) {
                String[] parts = point.strip().split("@");
                history.add(new ReferencePrice.PricePoint(NOW.minus(Duration.ofDays(-Long.parseLong(parts[1]))), Money.euros(parts[0])));
            }
        }
        return history;
    }

    @Test
    void domainRuleExampleSalePrice40AfterPrices45And60HasTheReference45() {
        Optional<PriceReduction> reduction = ReferencePrice.reduction(history("60@-25, 45@-10"), Money.euros("40"), NOW);

        assertThat(reduction).hasValueSatisfying(r -> {
            assertThat(r.referencePrice()).isEqualTo(Money.euros("45"));
            assertThat(r.price()).isEqualTo(Money.euros("40"));
            assertThat(r.percent()).isEqualByComparingTo(new BigDecimal("11")); // 11.1 % rounded down
        });
    }

    @ParameterizedTest(name = "history [{0}], price {1} -> reference {2}")
    @CsvSource(delimiter = ';', value = {
            // the reduction stays measured against the month before it started
            "60@-25, 45@-10, 40@-5; 40; 45",
            "60@-25, 45@-10, 40@-5, 40@-1; 40; 45",
            // the price in force when the window opened counts; older ones do not
            "80@-90, 50@-40, 70@-10; 45; 50",
            "30@-90, 50@-40, 70@-10; 45; 50",
            // a lower price within the month is the reference, even if higher than the sale price
            "50@-50, 42@-20, 50@-5; 41; 42",
            // no reduction: no history, same price, higher price, a lower price in the month
            "; 40; -",
            "45@-10; 45; -",
            "45@-10; 46; -",
            "45@-40, 39@-20, 45@-10; 40; -",
            // a point recorded after the moment asked about does not count
            "45@-10, 30@5; 40; 45"
    })
    void referenceIsTheLowestPriceOfTheMonthBeforeTheReduction(String points, String price, String reference) {
        Optional<PriceReduction> reduction = ReferencePrice.reduction(history(points == null ? "" : points), Money.euros(price), NOW);

        if ("-".equals(reference)) {
            assertThat(reduction).isEmpty();
        } else {
            assertThat(reduction).map(PriceReduction::referencePrice).hasValue(Money.euros(reference));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}: -{2} %")
    @CsvSource({ "100, 80, 20", "45, 40, 11", "3, 2, 33", "100.00, 99.99, 0", "60, 0.01, 99" })
    void percentIsRoundedDownSoTheShopNeverAnnouncesMoreThanIsTrue(String before, String now, String percent) {
        Optional<PriceReduction> reduction = ReferencePrice.reduction(history(before + "@-5"), Money.euros(now), NOW);

        assertThat(reduction).map(PriceReduction::percent).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo(percent));
    }
}
