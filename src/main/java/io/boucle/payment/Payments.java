package io.boucle.payment;

import java.util.List;
import java.util.Optional;

import io.boucle.shared.Money;
import org.springframework.stereotype.Service;

/**
 * Takes payments through the configured provider. Call it outside any database transaction of the
 * caller: a provider call can take seconds.
 */
@Service
public class Payments {

    /** Starts (or, for a known idempotency key, returns) a payment: captured, failed, or waiting for the shopper. */
    public PaymentView pay(PaymentRequest request) {
        // A placeholder until the providers exist: test tokens only, nothing recorded.
        boolean declined = request.method() instanceof PaymentMethod.Card(String token) && token.startsWith("tok_declined");
        return new PaymentView(new PaymentId(java.util.UUID.randomUUID()), request.reference(), "test", "card",
                declined ? PaymentStatus.FAILED : PaymentStatus.CAPTURED, request.amount(),
                Money.zero(request.amount().currency()), declined ? "card_declined" : null, null, "visa", "4242", false,
                List.of(), java.time.Instant.now());
    }

    /**
     * Throws {@link IllegalArgumentException} with a clear message when the provider would refuse this
     * method outright (unknown token, unsupported instalment count), so nothing is placed for it.
     */
    public void check(PaymentMethod method) {
        if (method == null) {
            throw new IllegalArgumentException("payment: a method is required");
        }
    }

    public Optional<PaymentView> find(PaymentId id) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every payment attempt for a reference, oldest first. */
    public List<PaymentView> forReference(String reference) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Refunds part or all of a captured payment to the same means of payment; the same key refunds once. */
    public Refund refund(PaymentId id, Money amount, String idempotencyKey) {
        throw new UnsupportedOperationException("not yet");
    }
}
