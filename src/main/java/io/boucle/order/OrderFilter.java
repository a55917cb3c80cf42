package io.boucle.order;

import java.time.LocalDate;

/**
 * What the staff's order list is narrowed to; every part is optional (null or blank for any).
 *
 * @param from the first day an order may have been placed on, in the shop's time (Europe/Paris)
 * @param to   the last day, included
 * @param text part of the order's number or of the buyer's email
 */
public record OrderFilter(OrderStatus status, LocalDate from, LocalDate to, String text) {

    public static final OrderFilter ANY = new OrderFilter(null, null, null, null);

    public OrderFilter {
        if (from != null && to != null && to.isBefore(from)) {
            throw new io.boucle.shared.InvalidField("to", "must not be before from");
        }
        if (text != null && text.length() > 200) {
            throw new io.boucle.shared.InvalidField("q", "at most 200 characters");
        }
    }
}
