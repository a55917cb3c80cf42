package io.boucle.order;

import java.time.Instant;

import io.boucle.shared.Money;

public record OrderPaid(OrderNumber number, String paymentId, Money total, Instant paidAt) {
}
