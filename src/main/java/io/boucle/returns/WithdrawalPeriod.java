package io.boucle.returns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.boucle.shared.PublicHolidays;

/**
 * The withdrawal period of a sale of goods (Code de la consommation L221-18, L221-19): 14 days from the
 * receipt of the goods (of the last parcel when the order came in several), counted from the day after
 * receipt and ending at the end of the fourteenth day; a period that would end on a Saturday, a Sunday
 * or a public holiday is extended to the end of the next working day (L221-19 via regulation 1182/71
 * art. 3(4)). Receipt is read in the shop's time zone (Europe/Paris). Pure: no clock, no database.
 */
public final class WithdrawalPeriod {

    public static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");

    /** The length of the period, in days after receipt. */
    public static final int DAYS = 14;

    /** The refund is due within 14 days of the withdrawal (L221-24). */
    public static final int REFUND_DAYS = 14;

    /** Without the withdrawal information, the period is extended by 12 months (L221-20). */
    public static final int EXTENSION_MONTHS = 12;

    /** The legal guarantee of conformity runs for two years from delivery (L217-3, L217-7). */
    public static final int GUARANTEE_YEARS = 2;

    private WithdrawalPeriod() {
    }

    /** The last day on which the customer may withdraw, for goods received on {@code received}. */
    public static LocalDate lastDay(LocalDate received) {
        return PublicHolidays.businessDayOnOrAfter(received.plusDays(DAYS));
    }

    /** The last day on which the customer may withdraw, for goods received at {@code receivedAt}. */
    public static LocalDate lastDay(Instant receivedAt) {
        return lastDay(receivedAt.atZone(SHOP_ZONE).toLocalDate());
    }

    /**
     * The last day of the period when the information about the right of withdrawal (L221-5 2°) was given
     * on {@code informedOn}, or never ({@code null}) (L221-20): given by the day of receipt, the period is
     * the usual one; never given, it is extended by 12 months from the end of the usual period; given later
     * while the period (extended) still runs, it ends 14 days after the day the information was received.
     * Each end falling on a Saturday, a Sunday or a public holiday moves to the next working day.
     */
    public static LocalDate lastDay(LocalDate received, LocalDate informedOn) {
        LocalDate usual = lastDay(received);
        if (informedOn != null && !informedOn.isAfter(received)) {
            return usual;
        }
        LocalDate extended = PublicHolidays.businessDayOnOrAfter(usual.plusMonths(EXTENSION_MONTHS));
        if (informedOn == null || informedOn.isAfter(extended)) {
            return extended;
        }
        return lastDay(informedOn);
    }

    /** The first instant after a period whose last day is {@code lastDay}: midnight in Paris at its end. */
    public static Instant closesAt(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(SHOP_ZONE).toInstant();
    }

    /** The first instant after the period: midnight in Paris at the end of the last day. */
    public static Instant closesAt(Instant receivedAt) {
        return lastDay(receivedAt).plusDays(1).atStartOfDay(SHOP_ZONE).toInstant();
    }

    /** Whether a withdrawal at {@code at} is in time for goods received at {@code receivedAt}. */
    public static boolean isOpen(Instant receivedAt, Instant at) {
        return at.isBefore(closesAt(receivedAt));
    }

    /** The day by which the refund of a withdrawal declared at {@code withdrawnAt} must be made. */
    public static LocalDate refundDueBy(Instant withdrawnAt) {
        return withdrawnAt.atZone(SHOP_ZONE).toLocalDate().plusDays(REFUND_DAYS);
    }

    /** Whether a defect reported at {@code at} is still under the legal guarantee of conformity. */
    public static boolean underGuarantee(Instant receivedAt, Instant at) {
        return at.isBefore(receivedAt.atZone(SHOP_ZONE).toLocalDate().plusYears(GUARANTEE_YEARS).plusDays(1)
                .atStartOfDay(SHOP_ZONE).toInstant());
    }
}
