package io.boucle.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.boucle.payment.provider.PaymentProvider;
import io.boucle.payment.provider.ProviderOutcome;
import io.boucle.payment.provider.ProviderPayment;
import io.boucle.shared.Identifiers;
import io.boucle.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes payments through the configured provider. Call it outside any database transaction of the
 * caller: a provider call can take seconds.
 *
 * <h2>An attempt</h2>
 * Each call to {@link #pay} with a new idempotency key is one attempt, recorded before the provider is
 * asked (a short transaction), then given its outcome (another one, which publishes
 * {@link PaymentCaptured} or {@link PaymentFailed}). No transaction is open while the provider works.
 * The idempotency key is unique in the database: a second call with the same key, even at the same
 * moment, gets the first call's payment and never charges again.
 *
 * <h2>Recovery</h2>
 * If the shop stops between the two transactions, the attempt stays {@code PROCESSING} although the
 * provider may have taken the money. {@link #recoverProcessing} (a job, every minute) asks the
 * provider where such attempts older than {@code boucle.payment.recover-after} stand and records the
 * answer as if it had just arrived: the same events, once. An attempt the provider still cannot tell
 * about after {@code boucle.payment.give-up-after} fails.
 *
 * <h2>Gift cards</h2>
 * The shop's own gift cards need no provider: the balance is debited in the transaction that captures.
 */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    /** The provider name recorded on gift card payments, which no external provider takes. */
    static final String GIFT_CARD_PROVIDER = "giftcard";

    /** Noted on a refund left pending because its provider did not answer. */
    static final String PROVIDER_UNREACHABLE = "provider_unreachable";

    /** The decline code of a gift card attempt the shop stopped in the middle of (nothing was debited). */
    static final String INTERRUPTED = "interrupted";

    /** The decline code of an attempt the provider still could not tell about after the give-up delay. */
    static final String NO_ANSWER = "no_answer_from_provider";

    private final PaymentStore store;
    private final GiftCards giftCards;
    private final PaymentRecorder recorder;
    private final Map<String, PaymentProvider> providers;
    private final PaymentSettings settings;
    private final Clock clock;

    Payments(PaymentStore store, GiftCards giftCards, PaymentRecorder recorder, List<PaymentProvider> providers,
            PaymentSettings settings, Clock clock) {
        this.store = store;
        this.giftCards = giftCards;
        this.recorder = recorder;
        this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(PaymentProvider::name, Function.identity()));
        this.settings = settings;
        this.clock = clock;
        if (!this.providers.containsKey(settings.provider())) {
            throw new IllegalStateException("boucle.payment.provider=" + settings.provider() + " is not one of "
                    + new java.util.TreeSet<>(this.providers.keySet()));
        }
    }

    /**
     * Starts (or, for a known idempotency key, returns) a payment: captured, failed, or waiting for the shopper.
     *
     * @throws IllegalArgumentException when the request is incomplete or the method is not offered (an unknown
     *                                  test token, 5 instalments), or the idempotency key was used for another
     *                                  reference or amount; nothing is recorded then
     */
    public PaymentView pay(PaymentRequest request) {
        Objects.requireNonNull(request, "request");
        return pay(request, request.method() instanceof PaymentMethod.GiftCard ? null : providers.get(settings.provider()));
    }

    /** {@link #pay(PaymentRequest)} through a given provider; {@code provider} is null for gift cards. */
    PaymentView pay(PaymentRequest request, PaymentProvider provider) {
        check(request);
        if (provider != null) {
            provider.check(request.method());
        }
        PaymentId id = new PaymentId(Identifiers.newUuid(clock));
        String giftCardCode = request.method() instanceof PaymentMethod.GiftCard(String code) ? GiftCards.normalise(code) : null;
        Instant now = Instant.now(clock);
        PaymentStore.NewAttempt attempt = new PaymentStore.NewAttempt(id, request.reference(),
                provider == null ? GIFT_CARD_PROVIDER : provider.name(), methodName(request.method()), request.amount(),
                giftCardCode, request.returnUrl(), request.idempotencyKey(), now,
                request.method() instanceof PaymentMethod.Instalments(int count) ? count : null);
        // The unique idempotency key decides, even between two calls at the same moment: the second inserts nothing.
        if (!recorder.inTransaction(() -> store.insert(attempt))) {
            return replay(request, store.findByIdempotencyKey(request.idempotencyKey()).orElseThrow());
        }
        PaymentStore.Row row = attempt.row();
        if (provider == null) {
            payWithGiftCard(row);
        } else {
            ProviderOutcome outcome;
            try {
                outcome = provider.start(recorder.providerView(row, request.method(), request.customerEmail()));
            } catch (RuntimeException e) {
                log.warn("Payment {} through {} failed: {}", id, provider.name(), e.toString());
                outcome = new ProviderOutcome.Declined(null, "provider_error", null, false);
            }
            recorder.apply(id, outcome, request.method() instanceof PaymentMethod.Instalments(int count)
                    ? captured -> store.insertSchedule(id, InstalmentPlan.schedule(captured.amount(), count, LocalDate.now(clock)))
                    : null);
        }
        return view(store.find(id).orElseThrow());
    }

    private void payWithGiftCard(PaymentStore.Row row) {
        recorder.inTransaction(() -> {
            Optional<Money> balance = giftCards.balance(row.giftCardCode());
            String decline = null;
            if (balance.isEmpty()) {
                decline = "unknown_gift_card";
            } else if (!balance.get().currency().equals(row.amount().currency())) {
                decline = "currency_not_supported";
            } else if (!giftCards.debit(row.giftCardCode(), row.amount())) {
                decline = "insufficient_balance";
            }
            return recorder.apply(row.id(), decline == null
                    ? new ProviderOutcome.Captured(null, null, false)
                    : new ProviderOutcome.Declined(null, decline, null, false), null);
        });
    }

    /** The payment already made with this key; waits a little if another call is still taking it. */
    private PaymentView replay(PaymentRequest request, PaymentStore.Row row) {
        if (!row.reference().equals(request.reference()) || row.amount().compareTo(request.amount()) != 0
                || !row.amount().currency().equals(request.amount().currency())) {
            throw new IllegalArgumentException("the idempotency key " + request.idempotencyKey()
                    + " was already used for another payment");
        }
        Instant deadline = Instant.now().plus(settings.waitForConcurrent());
        PaymentStore.Row current = row;
        while (current.status() == PaymentStatus.PROCESSING && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(Duration.ofMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = store.find(row.id()).orElseThrow();
        }
        return view(current);
    }

    /**
     * Throws {@link IllegalArgumentException} with a clear message when the provider would refuse this
     * method outright (unknown token, unsupported instalment count), so nothing is placed for it.
     */
    public void check(PaymentMethod method) {
        if (method == null) {
            throw new IllegalArgumentException("payment: a method is required");
        }
        if (!(method instanceof PaymentMethod.GiftCard)) {
            providers.get(settings.provider()).check(method);
        }
    }

    /**
     * Issues a new gift card of the shop with this balance, spendable at checkout like any other (e.g. the
     * store credit paid for an item bought back). Joins the caller's transaction, so it exists only if the
     * caller's work is committed.
     *
     * @throws IllegalArgumentException when the code is already used or the balance is not positive
     */
    @org.springframework.transaction.annotation.Transactional
    public void issueGiftCard(String code, Money balance) {
        if (balance == null || !balance.isPositive()) {
            throw new IllegalArgumentException("a new gift card needs a positive balance");
        }
        if (GiftCards.normalise(code).isEmpty() || giftCards.balance(code).isPresent()) {
            throw new IllegalArgumentException("the gift card code is empty or already used");
        }
        giftCards.issue(code, balance, Instant.now(clock));
    }

    /** A gift card's balance; empty for an unknown code. */
    public Optional<Money> giftCardBalance(String code) {
        return giftCards.balance(code);
    }

    public Optional<PaymentView> find(PaymentId id) {
        return store.find(id).map(this::view);
    }

    /** Every payment attempt for a reference, oldest first. */
    public List<PaymentView> forReference(String reference) {
        return store.forReference(reference).stream().map(this::view).toList();
    }

    /** Every refund of the payments for a reference, whatever became of it, in the order they were asked for. */
    public List<Refund> refunds(String reference) {
        return store.refundsForReference(reference).stream().map(PaymentStore.RefundRow::refund).toList();
    }

    /**
     * Where the payment of each reference stands, for lists: the status of its captured payment (maybe
     * refunded since), or else of its latest attempt. A reference without any attempt is not in the map.
     */
    public Map<String, PaymentStatus> statuses(java.util.Collection<String> references) {
        return store.statuses(references).stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Asks the provider where a payment waiting for the shopper stands (the shopper came back from the
     * provider's pages before its notification arrived) and records it. Calling it again changes nothing.
     */
    public Optional<PaymentView> refresh(PaymentId id) {
        Optional<PaymentStore.Row> row = store.find(id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        PaymentProvider provider = providers.get(row.get().provider());
        if (provider != null && row.get().status() == PaymentStatus.REQUIRES_ACTION) {
            ProviderOutcome outcome = provider.refresh(recorder.providerView(row.get(), null, null));
            if (outcome != null && !(outcome instanceof ProviderOutcome.RequiresAction)) {
                try {
                    recorder.apply(id, outcome, null);
                } catch (IllegalStateException e) {
                    log.info("Payment {} moved meanwhile: {}", id, e.getMessage());
                }
            }
        }
        return find(id);
    }

    /**
     * Asks the providers where the attempts left {@code PROCESSING} for longer than the recovery delay
     * stand and records their answers (a capture pays the order through the usual event); up to
     * {@code limit} attempts, the oldest first. Running it again changes nothing more.
     *
     * @return how many attempts got their outcome
     */
    public int recoverProcessing(int limit) {
        int recovered = 0;
        for (PaymentStore.Row row : store.processingSince(Instant.now(clock).minus(settings.recoverAfter()), limit)) {
            if (recover(row)) {
                recovered++;
            }
        }
        return recovered;
    }

    /**
     * Whether a payment for {@code reference} is captured, or may still be: an attempt still
     * {@code PROCESSING} whose outcome the provider cannot tell yet (asked now when the attempt is older
     * than the recovery delay). An order in that case must not be cancelled for want of payment.
     */
    public boolean mayStillBePaid(String reference) {
        Instant recoverable = Instant.now(clock).minus(settings.recoverAfter());
        boolean may = false;
        for (PaymentStore.Row row : store.forReference(reference)) {
            if (row.status() == PaymentStatus.PROCESSING && row.createdAt().isBefore(recoverable)) {
                recover(row);
                row = store.find(row.id()).orElseThrow();
            }
            may |= row.status() == PaymentStatus.PROCESSING || row.status().wasCaptured();
        }
        return may;
    }

    /** Asks the provider about one attempt left {@code PROCESSING} and records its answer; true when recorded. */
    private boolean recover(PaymentStore.Row row) {
        ProviderOutcome outcome;
        if (GIFT_CARD_PROVIDER.equals(row.provider())) {
            // The debit and the capture are one transaction: an attempt left processing debited nothing.
            outcome = new ProviderOutcome.Declined(null, INTERRUPTED, null, false);
        } else {
            PaymentProvider provider = providers.get(row.provider());
            if (provider == null) {
                log.warn("Payment {} is processing through {}, which is not available to ask", row.id(), row.provider());
                return false;
            }
            try {
                outcome = provider.recover(recorder.providerView(row, null, null));
            } catch (RuntimeException e) {
                log.warn("Could not ask {} where payment {} stands: {}", row.provider(), row.id(), e.toString());
                return false;
            }
        }
        if (outcome == null && row.createdAt().isBefore(Instant.now(clock).minus(settings.giveUpAfter()))) {
            outcome = new ProviderOutcome.Declined(null, NO_ANSWER, null, false);
        }
        if (outcome == null) {
            return false;
        }
        try {
            boolean changed = recorder.apply(row.id(), outcome, row.instalments() != null
                    ? captured -> store.insertSchedule(row.id(), InstalmentPlan.schedule(captured.amount(), row.instalments(),
                            LocalDate.ofInstant(captured.createdAt(), clock.getZone())))
                    : null);
            if (changed) {
                log.info("Payment {} for {} was left processing; the provider says: {}", row.id(), row.reference(),
                        outcome.getClass().getSimpleName());
            }
            return changed;
        } catch (IllegalStateException e) {
            log.info("Payment {} moved meanwhile: {}", row.id(), e.getMessage());
            return false;
        }
    }

    /**
     * Refunds part or all of a captured payment to the same means of payment; the same key refunds once.
     *
     * @throws IllegalArgumentException when the payment does not exist, the amount is not positive, is in another
     *                                  currency or would take the refunds past the captured amount, or the key was
     *                                  used for another payment's refund
     * @throws IllegalStateException    when the payment was never captured
     */
    public Refund refund(PaymentId id, Money amount, String idempotencyKey) {
        return refund(id, amount, idempotencyKey, null);
    }

    /** {@link #refund(PaymentId, Money, String)} through a given provider instead of the one named on the payment. */
    Refund refund(PaymentId id, Money amount, String idempotencyKey, PaymentProvider through) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(amount, "amount");
        requireKey(idempotencyKey);
        if (!amount.isPositive() || !amount.isRoundedToMinorUnit()) {
            throw new IllegalArgumentException("a refund needs a positive amount in whole cents: " + amount);
        }
        Optional<PaymentStore.RefundRow> known = store.findRefundByKey(idempotencyKey);
        if (known.isPresent()) {
            return sameRefund(id, known.get());
        }
        UUID refundId = Identifiers.newUuid(clock);
        record Reservation(PaymentStore.Row payment, PaymentStore.RefundRow existing) {
        }
        Reservation reservation = recorder.inTransaction(() -> {
            PaymentStore.Row payment = store.lock(id).orElseThrow(() -> new IllegalArgumentException("no payment " + id));
            Optional<PaymentStore.RefundRow> concurrent = store.findRefundByKey(idempotencyKey);
            if (concurrent.isPresent()) {
                return new Reservation(payment, concurrent.get());
            }
            if (!payment.status().wasCaptured()) {
                throw new IllegalStateException("payment " + id + " is " + payment.status() + ": only a captured payment is refunded");
            }
            if (!payment.amount().currency().equals(amount.currency())) {
                throw new IllegalArgumentException("payment " + id + " is in " + payment.amount().currency() + ", not " + amount.currency());
            }
            Money committed = Money.of(store.committedRefunds(id), amount.currency());
            if (committed.plus(amount).isGreaterThan(payment.amount())) {
                throw new IllegalArgumentException("a refund of " + amount + " would exceed the captured " + payment.amount()
                        + " (" + committed + " already refunded or being refunded)");
            }
            store.insertRefund(refundId, id, amount, idempotencyKey, Instant.now(clock));
            return new Reservation(payment, null);
        });
        if (reservation.existing() != null) {
            return sameRefund(id, reservation.existing());
        }
        send(reservation.payment(), refundId, amount, through);
        return store.findRefundByKey(idempotencyKey).orElseThrow().refund();
    }

    /**
     * Asks the provider for a refund already reserved, and records its answer. When the provider
     * does not answer, the refund stays pending: it may have been made, so it is neither failed nor
     * asked for again under another key; {@link #retryPendingRefunds} asks again under the same key,
     * which the provider answers once.
     */
    private void send(PaymentStore.Row payment, UUID refundId, Money amount, PaymentProvider through) {
        PaymentId id = payment.id();
        PaymentProvider.RefundOutcome outcome;
        if (GIFT_CARD_PROVIDER.equals(payment.provider())) {
            outcome = new PaymentProvider.RefundOutcome.Succeeded(null);
        } else {
            try {
                outcome = (through != null ? through : provider(payment.provider())).refund(recorder.providerView(payment, null, null), amount, refundId.toString());
            } catch (RuntimeException e) {
                log.warn("Refund {} of payment {} got no answer, it stays pending: {}", refundId, id, e.toString());
                recorder.inTransaction(() -> {
                    store.notePendingRefund(refundId, PROVIDER_UNREACHABLE, Instant.now(clock));
                    return null;
                });
                return;
            }
        }
        PaymentProvider.RefundOutcome settled = outcome;
        recorder.inTransaction(() -> {
            Instant at = Instant.now(clock);
            switch (settled) {
                case PaymentProvider.RefundOutcome.Succeeded succeeded -> {
                    PaymentStore.Row locked = store.lock(id).orElseThrow();
                    if (!store.settleRefund(refundId, "SUCCEEDED", succeeded.providerReference(), null, at)) {
                        return null;
                    }
                    Money total = Money.of(store.succeededRefunds(id), amount.currency());
                    PaymentStatus next = PaymentState.afterRefunds(locked.amount(), total);
                    PaymentState.check(locked.status(), next);
                    store.recordRefunded(id, total, next, at);
                    if (GIFT_CARD_PROVIDER.equals(locked.provider())) {
                        giftCards.credit(locked.giftCardCode(), amount);
                    }
                    recorder.publish(new PaymentRefunded(id, locked.reference(), refundId, amount, total, at));
                }
                case PaymentProvider.RefundOutcome.Failed failed ->
                        store.settleRefund(refundId, "FAILED", null, failed.reason(), at);
            }
            return null;
        });
    }

    /**
     * Asks the providers again about refunds still pending since before {@code boucle.payment.recover-after}
     * (their provider did not answer, or the shop stopped while asking), under their own key.
     *
     * @return how many were settled, made or failed
     */
    public int retryPendingRefunds(int limit) {
        int settled = 0;
        for (PaymentStore.RefundRow refund : store.refundsPendingSince(Instant.now(clock).minus(settings.recoverAfter()), limit)) {
            PaymentStore.Row payment = store.find(refund.paymentId()).orElseThrow();
            send(payment, refund.id(), refund.amount(), null);
            if (!"PENDING".equals(store.findRefundByKey(refund.idempotencyKey()).orElseThrow().status())) {
                settled++;
            }
        }
        return settled;
    }

    private static Refund sameRefund(PaymentId id, PaymentStore.RefundRow refund) {
        if (!refund.paymentId().equals(id)) {
            throw new IllegalArgumentException("the idempotency key " + refund.idempotencyKey() + " was already used for another refund");
        }
        return refund.refund();
    }

    /** Payment attempts started in [from, to), by outcome. */
    public PaymentAttemptStats attemptStats(Instant from, Instant to) {
        Map<PaymentStatus, Long> byStatus = new EnumMap<>(PaymentStatus.class);
        Map<String, Long> declines = new TreeMap<>();
        long attempts = 0;
        long challenged = 0;
        long frictionless = 0;
        for (PaymentStore.OutcomeCount count : store.outcomes(from, to)) {
            attempts += count.count();
            byStatus.merge(count.status(), count.count(), Long::sum);
            if (count.challenged()) {
                challenged += count.count();
            } else if (count.status().wasCaptured()) {
                frictionless += count.count();
            }
            if (count.status() == PaymentStatus.FAILED && count.declineCode() != null) {
                declines.merge(count.declineCode(), count.count(), Long::sum);
            }
        }
        return new PaymentAttemptStats(attempts, Map.copyOf(byStatus), challenged, frictionless, Map.copyOf(declines));
    }

    private PaymentProvider provider(String name) {
        PaymentProvider provider = providers.get(name);
        if (provider == null) {
            throw new IllegalStateException("the payment provider " + name + " is not available");
        }
        return provider;
    }

    private PaymentView view(PaymentStore.Row row) {
        List<Instalment> schedule = "instalments".equals(row.method()) ? store.schedule(row.id(), row.amount().currency()) : List.of();
        return new PaymentView(row.id(), row.reference(), row.provider(), row.method(), row.status(), row.amount(),
                row.refunded(), row.declineCode(), row.status() == PaymentStatus.REQUIRES_ACTION ? row.redirectUrl() : null,
                row.card() == null ? null : row.card().brand(), row.card() == null ? null : row.card().last4(),
                row.challenged(), schedule, row.createdAt());
    }

    static String methodName(PaymentMethod method) {
        return switch (method) {
            case PaymentMethod.Card card -> "card";
            case PaymentMethod.HostedCard hosted -> "hosted_card";
            case PaymentMethod.Wallet wallet -> "wallet";
            case PaymentMethod.Instalments instalments -> "instalments";
            case PaymentMethod.GiftCard giftCard -> "giftcard";
        };
    }

    private static void check(PaymentRequest request) {
        if (request.reference() == null || request.reference().isBlank()) {
            throw new IllegalArgumentException("a payment needs a reference");
        }
        if (request.amount() == null || !request.amount().isPositive() || !request.amount().isRoundedToMinorUnit()) {
            throw new IllegalArgumentException("a payment needs a positive amount in whole cents: " + request.amount());
        }
        if (request.method() == null) {
            throw new IllegalArgumentException("a payment needs a method");
        }
        requireKey(request.idempotencyKey());
        switch (request.method()) {
            case PaymentMethod.Card(String token) when token == null || token.isBlank() ->
                    throw new IllegalArgumentException("a card payment needs the provider's token");
            case PaymentMethod.Instalments(int count) -> InstalmentPlan.check(request.amount(), count);
            case PaymentMethod.GiftCard(String code) when GiftCards.normalise(code).isEmpty() ->
                    throw new IllegalArgumentException("a gift card payment needs the card's code");
            default -> {
            }
        }
        String returnUrl = request.returnUrl();
        if (returnUrl != null && !(returnUrl.startsWith("/") && !returnUrl.startsWith("//"))
                && !returnUrl.startsWith("https://") && !returnUrl.startsWith("http://")) {
            throw new IllegalArgumentException("the return address must be a path of the shop or an http(s) address: " + returnUrl);
        }
    }

    private static void requireKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw new IllegalArgumentException("an idempotency key of 1 to 255 characters is required");
        }
    }
}
