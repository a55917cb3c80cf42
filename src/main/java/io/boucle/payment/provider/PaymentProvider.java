package io.boucle.payment.provider;

import io.boucle.payment.PaymentMethod;
import io.boucle.shared.Money;

/**
 * A payment service provider. Its calls are made outside any database transaction: they may take
 * seconds. Outcomes that arrive later (the shopper acting on the provider's pages, a notification)
 * are reported through {@link PaymentRecords}.
 */
public interface PaymentProvider {

    /** The provider's name as recorded on each payment ({@code test}, {@code stripe}). */
    String name();

    /**
     * Refuses, before anything is recorded, a method this provider does not take.
     *
     * @throws IllegalArgumentException with a message a client can act on (an unknown test token)
     */
    void check(PaymentMethod method);

    /** Asks the provider to take the payment. Called once per attempt. */
    ProviderOutcome start(ProviderPayment payment);

    /** Where a payment waiting for the shopper stands now, when the provider can tell (else null). */
    default ProviderOutcome refresh(ProviderPayment payment) {
        return null;
    }

    /**
     * Where an attempt stands whose answer the shop never recorded (it stopped while {@link #start}
     * was under way): what the provider did with it, a {@link ProviderOutcome.Declined} when the
     * provider knows it never received it, or null when it cannot tell yet (ask again later).
     */
    default ProviderOutcome recover(ProviderPayment payment) {
        return null;
    }

    /** Gives back part or all of a captured payment, to the same means of payment. */
    RefundOutcome refund(ProviderPayment payment, Money amount, String refundKey);

    sealed interface RefundOutcome {

        record Succeeded(String providerReference) implements RefundOutcome {
        }

        record Failed(String reason) implements RefundOutcome {
        }
    }
}
