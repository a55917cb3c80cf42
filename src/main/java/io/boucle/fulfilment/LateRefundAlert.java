package io.boucle.fulfilment;

import java.time.Instant;
import java.time.LocalDate;

import io.boucle.order.OrderNumber;

/**
 * A staff alert: the refund of an order cancelled for late delivery was not made by its due date. Open
 * until the watch finds it made.
 */
public record LateRefundAlert(OrderNumber number, Instant cancelledAt, LocalDate dueBy, Instant raisedAt) {
}
