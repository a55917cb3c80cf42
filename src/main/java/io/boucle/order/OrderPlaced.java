package io.boucle.order;

import java.time.Instant;

import io.boucle.shared.Money;

public record OrderPlaced(OrderNumber number, String email, Money total, Instant placedAt) {
}
