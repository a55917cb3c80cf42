package io.boucle.returns;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WithdrawalPeriodTests {

    @ParameterizedTest(name = "received {0} → until {1}")
    @CsvSource({
            // DOMAIN-RULES §4: received Monday 2026-03-02, withdrawal possible until Monday 2026-03-16 inclusive
            "2026-03-02, 2026-03-16",
            // Day 14 a Saturday (2026-03-21) or a Sunday (2026-03-22): Monday 2026-03-23
            "2026-03-07, 2026-03-23",
            "2026-03-08, 2026-03-23",
            // Day 14 on Christmas, a Friday: Saturday and Sunday follow, so Monday 2026-12-28
            "2026-12-11, 2026-12-28",
            // Day 14 on Easter Monday 2026-04-06: Tuesday 2026-04-07
            "2026-03-23, 2026-04-07",
            // Day 14 on 1 May 2026 (Friday): Monday 4 May
            "2026-04-17, 2026-05-04",
            // Day 14 on 14 July 2026 (Tuesday): Wednesday 15 July
            "2026-06-30, 2026-07-15",
            // Day 14 on Ascension 2026-05-14 (Thursday): Friday 15 May
            "2026-04-30, 2026-05-15",
            // A working day stays
            "2026-06-03, 2026-06-17"
    })
    void fourteenDaysAfterReceiptMovedPastWeekendsAndHolidays(LocalDate received, LocalDate lastDay) {
        assertThat(WithdrawalPeriod.lastDay(received)).isEqualTo(lastDay);
    }

    @Test
    void receiptIsReadInParisAndThePeriodEndsAtMidnightThere() {
        // 23:30 UTC on 1 March is already 2 March in Paris (UTC+1 in winter)
        Instant received = Instant.parse("2026-03-01T23:30:00Z");
        assertThat(WithdrawalPeriod.lastDay(received)).isEqualTo(LocalDate.parse("2026-03-16"));
        assertThat(WithdrawalPeriod.closesAt(received)).isEqualTo(Instant.parse("2026-03-16T23:00:00Z"));
        assertThat(WithdrawalPeriod.isOpen(received, Instant.parse("2026-03-16T22:59:59Z"))).isTrue();
        assertThat(WithdrawalPeriod.isOpen(received, Instant.parse("2026-03-16T23:00:00Z"))).isFalse();
        // Summer time: midnight in Paris is 22:00 UTC
        Instant summer = Instant.parse("2026-06-03T10:00:00Z");
        assertThat(WithdrawalPeriod.closesAt(summer)).isEqualTo(Instant.parse("2026-06-17T22:00:00Z"));
    }

    @Test
    void theRefundIsDueFourteenDaysAfterTheWithdrawalAndTheGuaranteeLastsTwoYears() {
        assertThat(WithdrawalPeriod.refundDueBy(Instant.parse("2026-03-10T22:30:00Z"))).isEqualTo(LocalDate.parse("2026-03-24"));
        Instant delivered = Instant.parse("2026-03-02T10:00:00Z");
        assertThat(WithdrawalPeriod.underGuarantee(delivered, Instant.parse("2028-03-02T22:00:00Z"))).isTrue();
        assertThat(WithdrawalPeriod.underGuarantee(delivered, Instant.parse("2028-03-02T23:00:00Z"))).isFalse();
    }
}
