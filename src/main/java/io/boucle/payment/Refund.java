package io.boucle.payment;

import java.time.Instant;
import java.util.UUID;

import io.boucle.shared.Money;

/**
 * A refund of part or all of a payment.
 *
 * @param status  {@code PENDING} while the provider is asked, then {@code SUCCEEDED} or {@code FAILED}
 * @param at      when it was last changed
 * @param failure the provider's reason when {@code status} is {@code FAILED}; on a refund still {@code PENDING}
 *                because its provider did not answer, {@code provider_unreachable}; else null
 */
public record Refund(UUID id, PaymentId paymentId, Money amount, String status, Instant at, String failure) {

    public boolean failed() {
        return "FAILED".equals(status);
    }
}
