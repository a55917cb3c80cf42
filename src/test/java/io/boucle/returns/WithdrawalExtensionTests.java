package io.boucle.returns;

import java.time.LocalDate;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** L221-20: the withdrawal period when the information about the right of withdrawal was given late, or never. */
class WithdrawalExtensionTests {

    static Stream<Arguments> cases() {
        return Stream.of(
                // received, informed on (null: never), last day, why
                Arguments.of("2026-03-02", "2026-02-27", "2026-03-16", "given with the order: the usual 14 days"),
                Arguments.of("2026-03-02", "2026-03-02", "2026-03-16", "given on the day of receipt: the usual 14 days"),
                Arguments.of("2026-03-02", null, "2027-03-16", "never given: 12 months after the usual end"),
                Arguments.of("2026-06-05", null, "2027-06-21", "never given, 12 months end on a Saturday: the next Monday"),
                Arguments.of("2026-12-11", null, "2027-12-28", "never given, usual end moved past Christmas, then 12 months"),
                Arguments.of("2026-03-02", "2026-03-10", "2026-03-24", "given during the usual period: 14 days after it"),
                Arguments.of("2026-03-02", "2026-09-01", "2026-09-15", "given during the extension: 14 days after it"),
                Arguments.of("2026-03-02", "2026-10-04", "2026-10-19", "given during the extension, 14th day a Sunday"),
                Arguments.of("2026-03-02", "2027-03-10", "2027-03-24", "given in the extension's last days: 14 days, past it"),
                Arguments.of("2026-03-02", "2027-03-16", "2027-03-30", "given on the extension's last day"),
                Arguments.of("2026-03-02", "2027-03-17", "2027-03-16", "given after the extension ended: over"),
                Arguments.of("2026-04-17", "2026-04-30", "2026-05-15", "given late, 14th day Ascension 2026: the Friday"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("cases")
    void theWithdrawalPeriodFollowsWhenTheInformationWasGiven(String received, String informedOn, String lastDay, String why) {
        assertThat(WithdrawalPeriod.lastDay(LocalDate.parse(received), informedOn == null ? null : LocalDate.parse(informedOn)))
                .as(why).isEqualTo(LocalDate.parse(lastDay));
    }
}
