package io.boucle.shared;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public holidays of metropolitan France (jours fériés), computed from the year, and the
 * business days they leave: Monday to Friday, holidays excluded.
 *
 * <p>The list is the one of Code du travail article L3133-1: 1 January, Easter Monday, 1 May,
 * 8 May, Ascension Day, Whit Monday, 14 July, 15 August (Assumption), 1 November (All Saints'),
 * 11 November and 25 December. Easter Sunday comes from the Gregorian computus (the anonymous
 * algorithm published by Meeus, "Astronomical Algorithms", ch. 8); Easter Monday is the day after,
 * Ascension 39 days after and Whit Monday 50 days after Easter Sunday. Whit Monday stays a public
 * holiday even where employers make it the "journée de solidarité" (L3133-7): carriers and courts
 * treat it as one.
 *
 * <p>Not included: the two extra days of Alsace-Moselle (Good Friday and 26 December, Code du
 * travail L3134-13) and the days commemorating the abolition of slavery in the overseas
 * departments (law 83-550); a shop shipping from there would add them.
 */
public final class PublicHolidays {

    private static final Map<Integer, Set<LocalDate>> BY_YEAR = new ConcurrentHashMap<>();

    private PublicHolidays() {
    }

    /** Whether the date is a French public holiday, whatever the day of the week. */
    public static boolean isHoliday(LocalDate date) {
        return of(date.getYear()).contains(date);
    }

    /** Monday to Friday and not a public holiday. */
    public static boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /** The first business day strictly after {@code date}. */
    public static LocalDate nextBusinessDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /**
     * The date itself when it is a business day, else the next one: a deadline that ends on a
     * Saturday, Sunday or public holiday moves to the next working day.
     */
    public static LocalDate businessDayOnOrAfter(LocalDate date) {
        return isBusinessDay(date) ? date : nextBusinessDay(date);
    }

    /** The date {@code days} business days after {@code date}; {@code date} itself for 0. */
    public static LocalDate plusBusinessDays(LocalDate date, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days cannot be negative: " + days);
        }
        LocalDate result = date;
        for (int i = 0; i < days; i++) {
            result = nextBusinessDay(result);
        }
        return result;
    }

    /** The public holidays of a year (eleven, or ten when Ascension falls on 1 or 8 May). */
    public static Set<LocalDate> of(int year) {
        return BY_YEAR.computeIfAbsent(year, PublicHolidays::compute);
    }

    /** Easter Sunday of a year of the Gregorian calendar. */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static Set<LocalDate> compute(int year) {
        if (year < 1583) {
            throw new IllegalArgumentException("the Gregorian calendar starts in 1583: " + year);
        }
        LocalDate easter = easterSunday(year);
        // Ascension can fall on 1 May (2008) or 8 May (1997): a set, not a list.
        return Set.copyOf(java.util.List.of(
                LocalDate.of(year, Month.JANUARY, 1),
                easter.plusDays(1),
                LocalDate.of(year, Month.MAY, 1),
                LocalDate.of(year, Month.MAY, 8),
                easter.plusDays(39),
                easter.plusDays(50),
                LocalDate.of(year, Month.JULY, 14),
                LocalDate.of(year, Month.AUGUST, 15),
                LocalDate.of(year, Month.NOVEMBER, 1),
                LocalDate.of(year, Month.NOVEMBER, 11),
                LocalDate.of(year, Month.DECEMBER, 25)));
    }
}
