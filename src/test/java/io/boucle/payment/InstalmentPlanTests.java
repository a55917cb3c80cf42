package io.boucle.payment;

import java.time.LocalDate;
import java.util.List;

import io.boucle.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstalmentPlanTests {

    @ParameterizedTest(name = "{0} in {1}: first {2}, others {3}")
    @CsvSource({
            "100.00, 3, 33.34, 33.33",
            "100.00, 4, 25.00, 25.00",
            "100.01, 4, 25.01, 25.00",
            "0.05, 4, 0.02, 0.01",
            "0.03, 3, 0.01, 0.01",
            "1000.00, 3, 333.34, 333.33"})
    void splitsInEqualPartsWithTheOddCentsOnTheFirst(String total, int count, String first, String others) {
        List<Instalment> schedule = InstalmentPlan.schedule(Money.euros(total), count, LocalDate.of(2026, 3, 10));

        assertThat(schedule).hasSize(count);
        assertThat(schedule.getFirst().amount()).isEqualTo(Money.euros(first));
        assertThat(schedule.subList(1, count)).allSatisfy(instalment -> assertThat(instalment.amount()).isEqualTo(Money.euros(others)));
        assertThat(schedule.stream().map(Instalment::amount).reduce(Money::plus).orElseThrow()).isEqualTo(Money.euros(total));
        assertThat(schedule).extracting(Instalment::number).containsExactly(java.util.stream.IntStream.rangeClosed(1, count).boxed().toArray(Integer[]::new));
    }

    @Test
    void dueDatesAreMonthlyFromTodayKeepingToShortMonths() {
        List<Instalment> schedule = InstalmentPlan.schedule(Money.euros("120.00"), 4, LocalDate.of(2027, 1, 31));

        assertThat(schedule).extracting(Instalment::dueDate).containsExactly(
                LocalDate.of(2027, 1, 31), LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 31), LocalDate.of(2027, 4, 30));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 2, 5, 10})
    void offersOnlyThreeOrFourInstalments(int count) {
        assertThatThrownBy(() -> InstalmentPlan.schedule(Money.euros("100.00"), count, LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 or 4");
    }

    @Test
    void refusesAnAmountTooSmallForOneCentPerInstalment() {
        assertThatThrownBy(() -> InstalmentPlan.schedule(Money.euros("0.02"), 3, LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
