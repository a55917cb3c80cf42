package io.boucle.order;

import java.time.Instant;

/**
 * Units of the order came back and were refunded (a withdrawal or a return for a defect, accepted and
 * refunded). Published by the returns module, handled here: the order becomes {@code RETURNED} once every
 * unit is, {@code PARTIALLY_RETURNED} while only some are. Repeating it changes nothing.
 *
 * @param units how many units of the order are returned and refunded in all, as of {@code at}
 */
public record OrderUnitsReturned(OrderNumber number, int units, Instant at) {
}
