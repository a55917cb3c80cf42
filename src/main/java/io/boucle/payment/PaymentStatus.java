package io.boucle.payment;

public enum PaymentStatus {
    /** Waiting for the shopper: hosted page, 3-D Secure challenge or wallet. */
    REQUIRES_ACTION,
    CAPTURED,
    FAILED,
    /** Abandoned or cancelled before capture. */
    CANCELLED,
    PARTIALLY_REFUNDED,
    REFUNDED
}
