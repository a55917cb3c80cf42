package io.boucle.order;

import java.time.Instant;

import io.boucle.shared.Money;

/** An order as the back office lists it. */
public record OrderSummary(OrderNumber number, OrderStatus status, String email, String name, Money total,
                           String deliveryCode, String paymentMethod, Instant placedAt) {
}
