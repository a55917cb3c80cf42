package io.boucle.payment;

import java.util.Map;

/**
 * Payment attempts started in a period, by outcome: what the payment-success figure reads.
 *
 * @param byStatus     attempts by their current status (a captured then refunded payment counts as refunded)
 * @param challenged   attempts where the shopper was asked to authenticate (3-D Secure challenge)
 * @param frictionless captured attempts where the shopper was not
 * @param declines     failed attempts by decline code
 */
public record PaymentAttemptStats(long attempts, Map<PaymentStatus, Long> byStatus, long challenged, long frictionless,
                                  Map<String, Long> declines) {

    /** Attempts whose money was taken, refunded later or not. */
    public long captured() {
        return byStatus.entrySet().stream().filter(e -> e.getKey().wasCaptured()).mapToLong(Map.Entry::getValue).sum();
    }

    public long failed() {
        return byStatus.getOrDefault(PaymentStatus.FAILED, 0L);
    }

    public long cancelled() {
        return byStatus.getOrDefault(PaymentStatus.CANCELLED, 0L);
    }
}
