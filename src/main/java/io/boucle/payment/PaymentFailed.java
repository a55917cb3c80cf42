package io.boucle.payment;

import java.time.Instant;

public record PaymentFailed(PaymentId paymentId, String reference, String declineCode, Instant at) {
}
