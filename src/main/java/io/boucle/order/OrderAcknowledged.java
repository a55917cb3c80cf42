package io.boucle.order;

import java.time.Instant;

/**
 * The order's acknowledgment was sent (or had been): it carries the recap, the terms of sale and the
 * information about the right of withdrawal with its form, which the checkout showed before the order
 * (Code de la consommation L221-5).
 *
 * @param placedAt when the order was placed: the information was given then
 */
public record OrderAcknowledged(OrderNumber number, Instant placedAt, Instant sentAt) {
}
