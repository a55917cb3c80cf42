package io.boucle.payment.provider;

/** What a provider answered when asked to take or check a payment. */
public sealed interface ProviderOutcome {

    /** The provider's own id of the payment (a PaymentIntent's id), or null. */
    String providerReference();

    record Captured(String providerReference, CardDetails card, boolean challenged) implements ProviderOutcome {
    }

    /** The shopper must act on the provider's page at {@code redirectUrl} (null when only a notification will tell). */
    record RequiresAction(String providerReference, String redirectUrl, CardDetails card, boolean challenged)
            implements ProviderOutcome {
    }

    record Declined(String providerReference, String declineCode, CardDetails card, boolean challenged)
            implements ProviderOutcome {
    }

    record Cancelled(String providerReference) implements ProviderOutcome {
    }
}
