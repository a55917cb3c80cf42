package io.boucle.payment;

import java.time.Instant;

import io.boucle.shared.Money;

public record PaymentCaptured(PaymentId paymentId, String reference, Money amount, Instant at) {
}
