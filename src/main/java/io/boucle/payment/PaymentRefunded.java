package io.boucle.payment;

import java.time.Instant;
import java.util.UUID;

import io.boucle.shared.Money;

/** Part or all of a captured payment went back to the shopper's means of payment. */
public record PaymentRefunded(PaymentId paymentId, String reference, UUID refundId, Money amount, Money refundedTotal,
                              Instant at) {
}
