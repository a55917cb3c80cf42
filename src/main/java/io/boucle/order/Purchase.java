package io.boucle.order;

import java.time.Instant;

/** A paid order that proves a customer bought something, and when they paid for it. */
public record Purchase(OrderNumber number, Instant paidAt) {
}
