package io.boucle.fulfilment;

import java.time.LocalDate;

import io.boucle.order.OrderNumber;
import io.boucle.shared.Money;

/**
 * The refund of an order cancelled for late delivery was due by {@code dueBy} (14 days after the
 * cancellation, Code de la consommation L216-6) and is still not made: {@code notRefunded} is left.
 */
public record LateRefundOverdue(OrderNumber number, LocalDate dueBy, Money notRefunded) {
}
