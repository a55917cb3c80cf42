package io.boucle.returns;

public enum ReturnStatus {
    /** Declared; the goods are awaited. */
    REQUESTED,
    /** Received and inspected line by line; the refund of the accepted lines is due. */
    INSPECTED,
    /** The refund was asked of the payment provider. */
    REFUNDING,
    /** Refunded. */
    REFUNDED,
    /** Inspected with nothing accepted: nothing to refund. */
    CLOSED
}
