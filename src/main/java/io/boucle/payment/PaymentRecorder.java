package io.boucle.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import io.boucle.payment.provider.CardDetails;
import io.boucle.payment.provider.PaymentRecords;
import io.boucle.payment.provider.ProviderOutcome;
import io.boucle.payment.provider.ProviderPayment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Moves payments along their state machine, one short transaction per change, and announces each
 * change in that transaction ({@link PaymentCaptured}, {@link PaymentFailed}); the event publication
 * registry delivers the events once it commits. A change already made is not made again: a replayed
 * notification or a reloaded return page publishes nothing.
 */
@Component
class PaymentRecorder implements PaymentRecords {

    /** The decline code recorded when the shopper gave up on the provider's page. */
    static final String CANCELLED_BY_SHOPPER = "cancelled";

    private final PaymentStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    PaymentRecorder(PaymentStore store, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Optional<ProviderPayment> find(PaymentId id) {
        return store.find(id).map(row -> providerView(row, null, null));
    }

    @Override
    public Optional<ProviderPayment> findByProviderReference(String provider, String providerReference) {
        return store.findByProviderReference(provider, providerReference).map(row -> providerView(row, null, null));
    }

    @Override
    public boolean captured(PaymentId id, CardDetails card, boolean challenged) {
        return apply(id, new ProviderOutcome.Captured(null, card, challenged), null);
    }

    @Override
    public boolean declined(PaymentId id, String declineCode, CardDetails card) {
        return apply(id, new ProviderOutcome.Declined(null, declineCode, card, false), null);
    }

    @Override
    public boolean cancelled(PaymentId id) {
        return apply(id, new ProviderOutcome.Cancelled(null), null);
    }

    @Override
    public void actionChanged(PaymentId id, String redirectUrl, CardDetails card, boolean challenged) {
        transaction.executeWithoutResult(status -> {
            if (store.move(id, java.util.Set.of(PaymentStatus.REQUIRES_ACTION), PaymentStatus.REQUIRES_ACTION, null, null,
                    redirectUrl, card, challenged ? Boolean.TRUE : null, now()).isEmpty()) {
                throw new IllegalStateException("payment " + id + " is no longer waiting for the shopper");
            }
        });
    }

    /**
     * Records a provider's outcome in one transaction. {@code onCapture} runs in that transaction when
     * this call captures the payment (an instalment schedule, a gift card's debit).
     *
     * @return whether the payment changed
     */
    boolean apply(PaymentId id, ProviderOutcome outcome, Consumer<PaymentStore.Row> onCapture) {
        Boolean changed = transaction.execute(status -> switch (outcome) {
            case ProviderOutcome.Captured captured -> move(id, PaymentStatus.CAPTURED, null, captured.providerReference(),
                    null, captured.card(), captured.challenged(), onCapture);
            case ProviderOutcome.RequiresAction action -> move(id, PaymentStatus.REQUIRES_ACTION, null,
                    action.providerReference(), action.redirectUrl(), action.card(), action.challenged(), null);
            case ProviderOutcome.Declined declined -> move(id, PaymentStatus.FAILED, declined.declineCode(),
                    declined.providerReference(), null, declined.card(), declined.challenged(), null);
            case ProviderOutcome.Cancelled cancelled -> move(id, PaymentStatus.CANCELLED, CANCELLED_BY_SHOPPER,
                    cancelled.providerReference(), null, null, false, null);
        });
        return Boolean.TRUE.equals(changed);
    }

    void publish(Object event) {
        events.publishEvent(event);
    }

    /** Runs {@code work} in a transaction of its own. */
    <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    private boolean move(PaymentId id, PaymentStatus to, String declineCode, String providerReference, String redirectUrl,
            CardDetails card, boolean challenged, Consumer<PaymentStore.Row> onCapture) {
        Instant at = now();
        Optional<PaymentStore.Row> moved = store.move(id, PaymentState.sourcesOf(to), to, declineCode, providerReference,
                redirectUrl, card, challenged ? Boolean.TRUE : null, at);
        if (moved.isEmpty()) {
            PaymentStore.Row current = store.find(id)
                    .orElseThrow(() -> new IllegalArgumentException("no payment " + id));
            if (current.status() == to || (to == PaymentStatus.CAPTURED && current.status().wasCaptured())) {
                return false;
            }
            PaymentState.check(current.status(), to);
            throw new IllegalStateException("payment " + id + " changed while being moved to " + to);
        }
        PaymentStore.Row row = moved.get();
        switch (to) {
            case CAPTURED -> {
                if (onCapture != null) {
                    onCapture.accept(row);
                }
                events.publishEvent(new PaymentCaptured(id, row.reference(), row.amount(), at));
            }
            case FAILED -> events.publishEvent(new PaymentFailed(id, row.reference(), row.declineCode(), at));
            case CANCELLED -> events.publishEvent(new PaymentFailed(id, row.reference(), CANCELLED_BY_SHOPPER, at));
            default -> {
            }
        }
        return true;
    }

    ProviderPayment providerView(PaymentStore.Row row, PaymentMethod method, String customerEmail) {
        return new ProviderPayment(row.id(), row.reference(), row.amount(), row.provider(), row.method(), method,
                row.status(), row.challenged(), row.card(), row.providerReference(), returnUrl(row), customerEmail);
    }

    static String returnUrl(PaymentStore.Row row) {
        if (row.returnUrl() == null) {
            return null;
        }
        return UriComponentsBuilder.fromUriString(row.returnUrl()).replaceQueryParam("payment", row.id().toString())
                .build().toUriString();
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
