package io.boucle.returns;

import java.time.Instant;
import java.util.UUID;

import io.boucle.order.OrderNumber;
import io.boucle.shared.Money;

/** A return was refunded to the original means of payment. */
public record ReturnRefunded(UUID returnId, OrderNumber order, Money amount, Instant at) {
}
