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
        ZonedDateTime at = orderedAt.atZone(PARIS);
        LocalDate preparationStarts = at.toLocalDate();
        if (!PublicHolidays.isBusinessDay(preparationStarts) || !at.toLocalTime().isBefore(cutOff)) {
            preparationStarts = PublicHolidays.nextBusinessDay(preparationStarts);
        }
        LocalDate handedOver = PublicHolidays.plusBusinessDays(preparationStarts, preparationDays);
        return new Window(carrierDaysAfter(handedOver, transitDaysMin, saturdayDelivery),
                carrierDaysAfter(handedOver, transitDaysMax, saturdayDelivery));
    }

    static Window estimate(DeliveryMethod method, Instant orderedAt) {
        return estimate(orderedAt, method.cutOff(), method.preparationDays(), method.transitDaysMin(),
                method.transitDaysMax(), method.saturdayDelivery());
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
