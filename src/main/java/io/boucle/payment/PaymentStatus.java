package io.boucle.payment;

public enum PaymentStatus {
    /**
     * Recorded, the provider being asked. Seen only by a concurrent call with the same idempotency key
     * (which waits a little for the outcome first) or after a crash in the middle of a provider call,
     * until the recovery job asks the provider ({@link Payments#recoverProcessing}).
     */
    PROCESSING,
    /** Waiting for the shopper: hosted page, 3-D Secure challenge or wallet. */
    REQUIRES_ACTION,
    CAPTURED,
    FAILED,
    /** Abandoned or cancelled before capture. */
    CANCELLED,
    PARTIALLY_REFUNDED,
    REFUNDED;

    /** Whether the money was taken at some point: captured, then possibly refunded. */
    public boolean wasCaptured() {
        return this == CAPTURED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
