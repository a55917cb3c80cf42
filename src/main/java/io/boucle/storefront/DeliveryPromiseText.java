package io.boucle.storefront;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.boucle.fulfilment.DeliveryPromise;
import org.springframework.context.MessageSource;

/**
 * The product page's delivery promise in words: "Livré entre le jeudi 5 mars et le samedi 7 mars si
 * commandé avant 14h00". The deadline is today's, tomorrow's or a weekday's cut-off (it is never a
 * week away: the warehouse works every business day).
 */
final class DeliveryPromiseText {

    private DeliveryPromiseText() {
    }

    static String of(DeliveryPromise promise, Instant now, Locale locale, MessageSource messages) {
        boolean english = "en".equals(locale.getLanguage());
        Locale formatting = english ? Locale.UK : Locale.FRANCE;
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM", formatting);
        DateTimeFormatter time = DateTimeFormatter.ofPattern(english ? "HH:mm" : "HH'h'mm", formatting);
        DateTimeFormatter weekday = DateTimeFormatter.ofPattern("EEEE", formatting);
        LocalDate earliest = promise.quote().earliest();
        LocalDate latest = promise.quote().latest();
        String dates = earliest.equals(latest)
                ? messages.getMessage("product.delivery.on", new Object[] { day.format(earliest) }, locale)
                : messages.getMessage("product.delivery.between", new Object[] { day.format(earliest), day.format(latest) }, locale);
        LocalDate today = now.atZone(DeliveryPromise.ZONE).toLocalDate();
        ZonedDateTime deadline = promise.orderBefore().atZone(DeliveryPromise.ZONE);
        String when = deadline.toLocalDate().equals(today) ? "today"
                : deadline.toLocalDate().equals(today.plusDays(1)) ? "tomorrow" : "later";
        String before = messages.getMessage("product.delivery.before." + when,
                new Object[] { time.format(deadline), weekday.format(deadline) }, locale);
        return dates + " " + before;
    }
}
