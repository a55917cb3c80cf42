package io.boucle.returns;

/**
 * A withdrawal, return, inspection or refund that the rules refuse; nothing was written. The edges
 * answer with the status of its {@link Reason} (API) or a form message (pages).
 */
public class ReturnRefused extends RuntimeException {

    public enum Reason {
        /** The withdrawal period is over. */
        PERIOD_OVER(409),
        /** The order cannot be withdrawn from or returned (not paid, cancelled). */
        NOT_RETURNABLE(409),
        /** The legal guarantee of conformity is over, or the goods were never delivered. */
        GUARANTEE_OVER(409),
        /** A line's product is excluded from the right of withdrawal. */
        EXCLUDED(422),
        /** More units than the order has left to return, or an unknown line. */
        QUANTITY(422),
        /** The inspection is incomplete or already done. */
        INSPECTION(422),
        /** The return is not ready to refund (not inspected, nothing accepted). */
        NOT_READY(409),
        /** A line was refunded already. */
        ALREADY_REFUNDED(409),
        /** The refund would exceed what was paid and is not refunded yet. */
        EXCEEDS_PAID(422);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int httpStatus() {
            return status;
        }
    }

    private final Reason reason;

    public ReturnRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
