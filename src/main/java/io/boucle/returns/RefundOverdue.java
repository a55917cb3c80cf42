package io.boucle.returns;

import java.time.LocalDate;
import java.util.UUID;

import io.boucle.order.OrderNumber;

/** A return's refund was due by {@code dueBy} and is still not made. */
public record RefundOverdue(UUID returnId, OrderNumber order, LocalDate dueBy) {
}
