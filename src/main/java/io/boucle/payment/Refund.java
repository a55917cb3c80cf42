package io.boucle.payment;

import java.time.Instant;
import java.util.UUID;

import io.boucle.shared.Money;

public record Refund(UUID id, PaymentId paymentId, Money amount, String status, Instant at) {
}
