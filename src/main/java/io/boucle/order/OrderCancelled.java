package io.boucle.order;

import java.time.Instant;

/**
 * An order was cancelled. {@code wasPaid}: it had been paid, so its payments are being refunded
 * (each refund is announced by the payment module).
 */
public record OrderCancelled(OrderNumber number, String reason, boolean wasPaid, Instant cancelledAt) {
}
