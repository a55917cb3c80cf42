package io.boucle.fulfilment;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.boucle.shared.PublicHolidays;

/**
 * When a parcel should arrive. The warehouse prepares on business days (Monday to Friday, French
 * public holidays excluded), starting on the day of the order when it comes before the cut-off
 * on a business day, else on the next business day. The carrier then needs between its minimum
 * and maximum transit days, counting only the days it works: Monday to Friday, or to Saturday
 * for carriers that deliver on Saturdays, public holidays excluded.
 */
final class DeliveryDates {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    record Window(LocalDate earliest, LocalDate latest) {
    }

    private DeliveryDates() {
    }

    static Window estimate(Instant orderedAt, LocalTime cutOff, int preparationDays, int transitDaysMin,
            int transitDaysMax, boolean saturdayDelivery) {
        LocalDate preparationStarts = preparationStarts(orderedAt, cutOff);
        LocalDate handedOver = PublicHolidays.plusBusinessDays(preparationStarts, preparationDays);
        return new Window(carrierDaysAfter(handedOver, transitDaysMin, saturdayDelivery),
                carrierDaysAfter(handedOver, transitDaysMax, saturdayDelivery));
    }

    static Window estimate(DeliveryMethod method, Instant orderedAt) {
        return estimate(orderedAt, method.cutOff(), method.preparationDays(), method.transitDaysMin(),
                method.transitDaysMax(), method.saturdayDelivery());
    }

    /** The business day the warehouse starts on an order placed at {@code orderedAt}. */
    static LocalDate preparationStarts(Instant orderedAt, LocalTime cutOff) {
        ZonedDateTime at = orderedAt.atZone(PARIS);
        LocalDate day = at.toLocalDate();
        if (!PublicHolidays.isBusinessDay(day) || !at.toLocalTime().isBefore(cutOff)) {
            day = PublicHolidays.nextBusinessDay(day);
        }
        return day;
    }

    /**
     * Until when an order gets the same dates as one placed at {@code orderedAt}: the cut-off of the
     * day its preparation starts. From then on, preparation starts a business day later.
     */
    static Instant sameDatesUntil(Instant orderedAt, LocalTime cutOff) {
        return preparationStarts(orderedAt, cutOff).atTime(cutOff).atZone(PARIS).toInstant();
    }

    private static LocalDate carrierDaysAfter(LocalDate date, int days, boolean saturdays) {
        LocalDate result = date;
        for (int counted = 0; counted < days; ) {
            result = result.plusDays(1);
            if (carrierWorks(result, saturdays)) {
                counted++;
            }
        }
        return result;
    }

    private static boolean carrierWorks(LocalDate date, boolean saturdays) {
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return saturdays && !PublicHolidays.isHoliday(date);
        }
        return PublicHolidays.isBusinessDay(date);
    }
}
