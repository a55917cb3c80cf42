package io.boucle.payment.provider;

import java.util.Optional;

import io.boucle.payment.PaymentId;

/**
 * Where providers' pages and notifications report what happened to a payment. Each change is one
 * short transaction that moves the payment along its state machine and publishes its event; a replayed
 * report (a reloaded page, a notification sent twice) changes nothing and publishes nothing.
 *
 * <p>Each reporting method returns {@code true} when it changed the payment, {@code false} when the
 * payment was already in that state, and throws {@link IllegalStateException} when the payment cannot
 * get there from where it is (a failed payment is never captured).
 */
public interface PaymentRecords {

    Optional<ProviderPayment> find(PaymentId id);

    Optional<ProviderPayment> findByProviderReference(String provider, String providerReference);

    boolean captured(PaymentId id, CardDetails card, boolean challenged);

    boolean declined(PaymentId id, String declineCode, CardDetails card);

    boolean cancelled(PaymentId id);

    /** The payment still waits for the shopper, now on another page (a card that needs a challenge). */
    void actionChanged(PaymentId id, String redirectUrl, CardDetails card, boolean challenged);
}
