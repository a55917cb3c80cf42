package io.boucle.fulfilment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryDatesTests {

    @ParameterizedTest(name = "{0}: ordered {1} (Paris), cut-off {2}, {3} d prep, {4}–{5} d transit, Saturdays {6} → {7}..{8}")
    @CsvSource({
            // case,                                     ordered at,           cut-off, prep, min, max, sat, earliest,   latest
            "'before the cut-off, Tuesday',              2026-03-03T10:00:00, 14:00, 1, 1, 3, false, 2026-03-05, 2026-03-09",
            "'after the cut-off, Tuesday',               2026-03-03T15:00:00, 14:00, 1, 1, 3, false, 2026-03-06, 2026-03-10",
            "'exactly at the cut-off counts as after',   2026-03-03T14:00:00, 14:00, 1, 1, 3, false, 2026-03-06, 2026-03-10",
            "'one minute before the cut-off',            2026-03-03T13:59:00, 14:00, 1, 1, 3, false, 2026-03-05, 2026-03-09",
            "'Friday evening: prepared from Monday',     2026-03-06T18:00:00, 14:00, 1, 1, 3, false, 2026-03-11, 2026-03-13",
            "'Saturday morning: prepared from Monday',   2026-03-07T10:00:00, 14:00, 1, 1, 3, false, 2026-03-11, 2026-03-13",
            "'Sunday: prepared from Monday',             2026-03-08T09:00:00, 14:00, 0, 1, 1, false, 2026-03-10, 2026-03-10",
            "'express Friday morning, no Saturday',      2026-03-06T10:00:00, 12:00, 0, 1, 1, false, 2026-03-09, 2026-03-09",
            "'express Friday morning, Saturday carrier', 2026-03-06T10:00:00, 12:00, 0, 1, 1, true,  2026-03-07, 2026-03-07",
            "'Saturday carrier over a weekend',          2026-03-04T10:00:00, 14:00, 1, 1, 3, true,  2026-03-06, 2026-03-09",
            "'the same without Saturdays',               2026-03-04T10:00:00, 14:00, 1, 1, 3, false, 2026-03-06, 2026-03-10",
            "'Ascension in the middle',                  2026-05-13T10:00:00, 14:00, 1, 1, 3, false, 2026-05-18, 2026-05-20",
            "'Ascension in the middle, Saturday carrier', 2026-05-13T10:00:00, 14:00, 1, 1, 3, true, 2026-05-16, 2026-05-19",
            "'Good Friday evening, then Easter Monday',  2026-04-03T16:00:00, 14:00, 1, 1, 3, false, 2026-04-09, 2026-04-13",
            "'8 May (a Friday) and the weekend',         2026-05-07T10:00:00, 14:00, 1, 2, 2, false, 2026-05-13, 2026-05-13",
            "'order on a holiday',                       2026-05-14T09:00:00, 14:00, 1, 1, 1, false, 2026-05-19, 2026-05-19",
            "'31 December, express: 1 January is off',   2025-12-31T10:00:00, 12:00, 0, 1, 1, false, 2026-01-02, 2026-01-02",
            "'31 December evening: New Year then weekend', 2026-12-31T15:00:00, 14:00, 1, 1, 3, false, 2027-01-06, 2027-01-08",
            "'Saturday carrier, Saturday 15 August off', 2026-08-14T10:00:00, 12:00, 0, 1, 1, true,  2026-08-17, 2026-08-17",
            "'click & collect, same day',                2026-03-03T09:00:00, 12:00, 0, 0, 0, true,  2026-03-03, 2026-03-03",
    })
    void estimatesTheDeliveryWindow(String name, LocalDateTime orderedAt, LocalTime cutOff, int preparationDays,
            int transitMin, int transitMax, boolean saturdays, LocalDate earliest, LocalDate latest) {
        Instant at = orderedAt.atZone(DeliveryDates.PARIS).toInstant();

        DeliveryDates.Window window = DeliveryDates.estimate(at, cutOff, preparationDays, transitMin, transitMax, saturdays);

        assertThat(window).isEqualTo(new DeliveryDates.Window(earliest, latest));
    }

    @ParameterizedTest(name = "{0}: ordered {1} (Paris), cut-off {2} → same dates until {3}")
    @CsvSource({
            "'before the cut-off: today',            2026-03-03T09:00:00, 14:00, 2026-03-03T14:00:00",
            "'at the cut-off: the next business day', 2026-03-03T14:00:00, 14:00, 2026-03-04T14:00:00",
            "'Friday evening: Monday',               2026-03-06T18:00:00, 14:00, 2026-03-09T14:00:00",
            "'Sunday: Monday',                       2026-03-08T09:00:00, 12:00, 2026-03-09T12:00:00",
            "'before 1 May (a Friday): Monday',      2026-04-30T15:00:00, 14:00, 2026-05-04T14:00:00",
            "'on a holiday: the next business day',  2026-05-14T09:00:00, 14:00, 2026-05-15T14:00:00",
            "'across the change to summer time',     2026-03-27T16:00:00, 14:00, 2026-03-30T14:00:00",
    })
    void theSameDatesHoldUntilTheCutOffOfTheDayPreparationStarts(String name, LocalDateTime orderedAt, LocalTime cutOff,
            LocalDateTime until) {
        Instant at = orderedAt.atZone(DeliveryDates.PARIS).toInstant();

        Instant deadline = DeliveryDates.sameDatesUntil(at, cutOff);

        assertThat(deadline).isEqualTo(until.atZone(DeliveryDates.PARIS).toInstant());
        DeliveryDates.Window now = DeliveryDates.estimate(at, cutOff, 1, 1, 3, false);
        assertThat(DeliveryDates.estimate(deadline.minusSeconds(1), cutOff, 1, 1, 3, false)).isEqualTo(now);
        assertThat(DeliveryDates.estimate(deadline, cutOff, 1, 1, 3, false)).isNotEqualTo(now);
    }

    @Test
    void theCutOffIsParisTimeInWinterAndInSummer() {
        // 13:30 UTC is 14:30 in Paris in winter (UTC+1) and 15:30 in summer (UTC+2): both after a 14:00 cut-off.
        assertThat(DeliveryDates.estimate(Instant.parse("2026-03-03T13:30:00Z"), LocalTime.of(14, 0), 0, 1, 1, false).earliest())
                .isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(DeliveryDates.estimate(Instant.parse("2026-07-07T12:30:00Z"), LocalTime.of(14, 0), 0, 1, 1, false).earliest())
                .isEqualTo(LocalDate.of(2026, 7, 9));
        // 12:30 UTC in winter is 13:30 in Paris: before the cut-off.
        assertThat(DeliveryDates.estimate(Instant.parse("2026-03-03T12:30:00Z"), LocalTime.of(14, 0), 0, 1, 1, false).earliest())
                .isEqualTo(LocalDate.of(2026, 3, 4));
        // 23:30 UTC on Friday is already Saturday in Paris.
        assertThat(DeliveryDates.estimate(Instant.parse("2026-03-06T23:30:00Z"), LocalTime.of(23, 59), 0, 0, 0, false).earliest())
                .isEqualTo(LocalDate.of(2026, 3, 9));
    }
}
