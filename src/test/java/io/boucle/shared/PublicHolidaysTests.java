package io.boucle.shared;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicHolidaysTests {

    @ParameterizedTest(name = "Easter {0} is on {1}")
    @CsvSource({
            "2024, 2024-03-31",
            "2025, 2025-04-20",
            "2026, 2026-04-05",
            "2027, 2027-03-28",
            "2038, 2038-04-25", // the latest possible
            "2285, 2285-03-22", // the earliest possible
    })
    void computesEasterSunday(int year, LocalDate easter) {
        assertThat(PublicHolidays.easterSunday(year)).isEqualTo(easter);
    }

    @ParameterizedTest(name = "{0} is a public holiday: {1}")
    @CsvSource({
            "2026-01-01, true",  // New Year's Day
            "2026-04-05, false", // Easter Sunday itself is not in the list (a Sunday anyway)
            "2026-04-06, true",  // Easter Monday
            "2026-04-03, false", // Good Friday: Alsace-Moselle only
            "2026-05-01, true",
            "2026-05-08, true",
            "2026-05-14, true",  // Ascension
            "2026-05-25, true",  // Whit Monday
            "2026-07-14, true",
            "2026-08-15, true",
            "2026-11-01, true",
            "2026-11-11, true",
            "2026-12-25, true",
            "2026-12-26, false", // Alsace-Moselle only
            "2027-03-29, true",  // Easter Monday
            "2027-05-06, true",  // Ascension
            "2027-05-17, true",  // Whit Monday
            "2027-05-13, false",
            "2025-04-21, true",
            "2025-05-29, true",
            "2025-06-09, true",
            "2026-06-09, false",
    })
    void knowsTheFrenchPublicHolidays(LocalDate date, boolean holiday) {
        assertThat(PublicHolidays.isHoliday(date)).isEqualTo(holiday);
    }

    @Test
    void aYearHasElevenHolidaysOrTenWhenAscensionFallsOnMayDay() {
        assertThat(PublicHolidays.of(2026)).hasSize(11);
        assertThat(PublicHolidays.of(2008)).hasSize(10).contains(LocalDate.of(2008, 5, 1));
        assertThat(PublicHolidays.of(1997)).hasSize(10).contains(LocalDate.of(1997, 5, 8));
    }

    @ParameterizedTest(name = "{0} is a business day: {1}")
    @CsvSource({
            "2026-03-02, true",  // Monday
            "2026-03-06, true",  // Friday
            "2026-03-07, false", // Saturday
            "2026-03-08, false", // Sunday
            "2026-04-06, false", // Easter Monday
            "2026-04-07, true",
            "2026-05-01, false", // Friday, Labour Day
    })
    void businessDaysAreWeekdaysThatAreNotHolidays(LocalDate date, boolean businessDay) {
        assertThat(PublicHolidays.isBusinessDay(date)).isEqualTo(businessDay);
    }

    @ParameterizedTest(name = "after {0} comes {1}")
    @CsvSource({
            "2026-03-02, 2026-03-03",
            "2026-03-06, 2026-03-09", // Friday → Monday
            "2026-04-03, 2026-04-07", // Good Friday → Tuesday after Easter Monday
            "2026-05-13, 2026-05-15", // Ascension in between
            "2026-12-31, 2027-01-04", // New Year's Day on a Friday, then a weekend
            "2026-05-22, 2026-05-26", // Friday before Whit Monday
    })
    void findsTheNextBusinessDay(LocalDate date, LocalDate next) {
        assertThat(PublicHolidays.nextBusinessDay(date)).isEqualTo(next);
    }

    @ParameterizedTest(name = "a deadline ending {0} moves to {1}")
    @CsvSource({
            "2026-03-16, 2026-03-16", // a Monday stays
            "2026-03-14, 2026-03-16", // Saturday → Monday
            "2026-03-15, 2026-03-16", // Sunday → Monday
            "2026-05-25, 2026-05-26", // Whit Monday → Tuesday
            "2026-11-01, 2026-11-02", // All Saints' on a Sunday
    })
    void aDeadlineOnADayOffMovesToTheNextWorkingDay(LocalDate deadline, LocalDate moved) {
        assertThat(PublicHolidays.businessDayOnOrAfter(deadline)).isEqualTo(moved);
    }

    @ParameterizedTest(name = "{1} business days after {0}: {2}")
    @CsvSource({
            "2026-05-07, 0, 2026-05-07",
            "2026-05-07, 1, 2026-05-11", // Friday 8 May is a holiday
            "2026-05-07, 2, 2026-05-12",
            "2026-05-12, 3, 2026-05-18", // Ascension on the 14th
    })
    void addsBusinessDays(LocalDate from, int days, LocalDate result) {
        assertThat(PublicHolidays.plusBusinessDays(from, days)).isEqualTo(result);
    }

    @Test
    void refusesNegativeDaysAndYearsBeforeTheGregorianCalendar() {
        assertThatThrownBy(() -> PublicHolidays.plusBusinessDays(LocalDate.of(2026, 1, 5), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicHolidays.isHoliday(LocalDate.of(1500, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
