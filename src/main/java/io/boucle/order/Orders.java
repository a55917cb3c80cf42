package io.boucle.order;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.boucle.audit.Audit;
import io.boucle.customer.CustomerId;
import io.boucle.inventory.Inventory;
import io.boucle.messaging.Messaging;
import io.boucle.payment.PaymentStatus;
import io.boucle.payment.PaymentView;
import io.boucle.payment.Payments;
import io.boucle.payment.Refund;
import io.boucle.pricing.Pricing;
import io.boucle.shared.Money;
import io.boucle.shared.NotFound;
import io.boucle.shared.Page;
import io.boucle.tax.VatAssessment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The orders' life: placed awaiting payment (stock held), paid (stock consumed), or cancelled
 * (stock and promotion uses given back, payments refunded). Every change is guarded by the status
 * the order is in, so a replayed notification changes nothing.
 */
@Service
public class Orders {

    private static final Logger log = LoggerFactory.getLogger(Orders.class);
    private static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Placed and paid orders' statuses in which the shop may still cancel (nothing has left the warehouse). */
    private static final List<OrderStatus> CANCELLABLE = List.of(OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID,
            OrderStatus.PREPARING);

    /** The longest cancellation reason kept. */
    public static final int MAX_REASON = 500;

    /** Kinds of the order's own timeline that the payment module's records tell better. */
    private static final Set<String> TOLD_BY_PAYMENTS = Set.of("PAYMENT_FAILED", "REFUNDED");

    /** Which comes first when two things happened at the same instant. */
    private static final List<String> SEQUENCE = List.of("PLACED", "PAYMENT", "PAID", "EMAIL", "CANCELLED",
            "PAYMENT_AFTER_CANCELLATION", "REFUND");

    private final OrderStore store;
    private final Inventory inventory;
    private final Pricing pricing;
    private final Payments payments;
    private final Messaging messaging;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate reading;
    private final Audit audit;
    private final DistanceSalesLedger distanceSales;

    Orders(OrderStore store, Inventory inventory, Pricing pricing, Payments payments, Messaging messaging,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions, Audit audit,
            DistanceSalesLedger distanceSales) {
        this.store = store;
        this.distanceSales = distanceSales;
        this.audit = audit;
        this.inventory = inventory;
        this.pricing = pricing;
        this.payments = payments;
        this.messaging = messaging;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
    }

    /**
     * Records a new order awaiting payment, in the caller's transaction (which also holds its stock).
     * The payment must arrive before {@code paymentWindow} is over, or the order is cancelled.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public OrderView place(NewOrder order, Duration paymentWindow) {
        if (order.lines().isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        Instant now = Instant.now(clock);
        OrderNumber number = OrderNumber.of(now.atZone(SHOP_ZONE).getYear(), store.nextSequence());
        String accessToken = newAccessToken();
        Instant deadline = now.plus(paymentWindow);
        store.insert(number, order, accessToken, now, deadline);
        // Only an order sending goods to a consumer in another member state adds to the distance sales, in the
        // year its VAT was assessed for (the one DistanceSalesLedger#exact locked), even across midnight on 31 December.
        distanceSales.record(number, order.saleDate(), order.vatInEuros().distanceSalesAddition());
        store.addToTimeline(number, now, "PLACED", order.totals().total().toString());
        events.publishEvent(new OrderPlaced(number, order.email().value(), order.totals().total(), now));
        return new OrderView(number, OrderStatus.AWAITING_PAYMENT, order.email().value(), order.locale(),
                order.totals().total().currency().getCurrencyCode(), order.shipping(), order.billing(), order.company(),
                order.delivery(), order.lines(), order.totals(), order.promotions(), order.paymentMethod(), now, null,
                deadline, null, null, accessToken, List.of(new OrderView.TimelineEntry(now, "PLACED", order.totals().total().toString())),
                order.exchangeRate().isIdentity() ? null : order.exchangeRate());
    }

    /** The order placed under an idempotency key, with the hash of the request that placed it. */
    @Transactional(readOnly = true)
    public Optional<PlacedUnderKey> findByIdempotencyKey(String key) {
        return store.findByIdempotencyKey(key).map(stored -> new PlacedUnderKey(stored.view(), stored.requestHash()));
    }

    public record PlacedUnderKey(OrderView order, String requestHash) {
    }

    /** An order for whoever holds its access token; any other token finds nothing (as if it did not exist). */
    @Transactional(readOnly = true)
    public OrderView view(OrderNumber number, String accessToken) {
        OrderView order = store.find(number, false).map(OrderStore.Stored::view)
                .orElseThrow(() -> new NotFound("no order " + number));
        if (accessToken == null || !MessageDigest.isEqual(order.accessToken().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                accessToken.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new NotFound("no order " + number);
        }
        return order;
    }

    /**
     * An order for the signed-in customer who placed it; anyone else's finds nothing (as if it did
     * not exist).
     */
    @Transactional(readOnly = true)
    public OrderView viewForCustomer(OrderNumber number, CustomerId customer) {
        if (customer == null || !store.placedBy(number, customer)) {
            throw new NotFound("no order " + number);
        }
        return store.find(number, false).map(OrderStore.Stored::view).orElseThrow(() -> new NotFound("no order " + number));
    }

    /** The customer's orders, newest first. */
    @Transactional(readOnly = true)
    public Page<OrderSummary> placedBy(CustomerId customer, int page, int size) {
        return store.placedBy(customer, Math.max(page, 0), Math.clamp(size, 1, 100));
    }

    /**
     * The customer's latest paid order (paid, or further along: prepared, shipped, delivered, even
     * returned) holding any of these SKUs: what proves they bought a product, to review it.
     * Orders awaiting payment or cancelled prove nothing.
     */
    @Transactional(readOnly = true)
    public Optional<Purchase> latestPurchase(CustomerId customer, java.util.Collection<String> skus) {
        if (customer == null || skus.isEmpty()) {
            return Optional.empty();
        }
        return store.latestPurchase(customer, skus);
    }

    /** Whether the customer bought any of these SKUs (see {@link #latestPurchase}). */
    public boolean hasBought(CustomerId customer, java.util.Collection<String> skus) {
        return latestPurchase(customer, skus).isPresent();
    }

    /** Where the customer's latest order was delivered, to suggest it for the next one. */
    @Transactional(readOnly = true)
    public Optional<NewOrder.Address> lastShippingAddress(CustomerId customer) {
        return store.lastShippingAddress(customer);
    }

    /** For staff. */
    @Transactional(readOnly = true)
    public Optional<OrderView> find(OrderNumber number) {
        return store.find(number, false).map(OrderStore.Stored::view);
    }

    /**
     * The VAT engine's assessment the order was priced with, its lines referenced by the order lines'
     * positions from 1: the figures its invoice shows. Empty when there is no such order.
     */
    @Transactional(readOnly = true)
    public Optional<VatAssessment> vatAssessment(OrderNumber number) {
        return store.vatAssessment(number);
    }

    /**
     * For an order charged in another currency than the euro, the reference rate it was converted at when placed
     * (every later conversion of the order uses it, never the rate of the day) and its VAT assessment in euros.
     * Empty for an order in euros, or when there is no such order.
     */
    @Transactional(readOnly = true)
    public Optional<OrderExchange> exchange(OrderNumber number) {
        return store.exchange(number);
    }

    @Transactional(readOnly = true)
    public Page<OrderSummary> list(OrderStatus status, String query, int page, int size) {
        return store.list(status, null, null, query, page, size);
    }

    /** Every order of a person: placed by the customer account, or with its email address (as a guest), oldest first. */
    @Transactional(readOnly = true)
    public List<OrderView> ofPerson(CustomerId customer, io.boucle.shared.EmailAddress email) {
        return store.numbersOfPerson(customer.value(), email.value()).stream()
                .map(number -> store.find(number, false).orElseThrow().view()).toList();
    }

    /**
     * For an erasure: the person's orders stay (with their amounts, lines and VAT, which the kept
     * invoices match), but their email becomes {@code placeholder} and the names and street lines of
     * their addresses are blanked; postal code, city and country stay for the accounts and VAT.
     *
     * @return how many orders were anonymised
     */
    @Transactional
    public int anonymise(CustomerId customer, io.boucle.shared.EmailAddress email, String placeholder) {
        return store.anonymise(customer.value(), email.value(), placeholder);
    }

    /** What each customer bought, for segments; customers without orders get {@link PurchaseHistory#NONE}. */
    @Transactional(readOnly = true)
    public Map<CustomerId, io.boucle.customer.PurchaseHistory> purchaseHistories(java.util.Collection<CustomerId> customers) {
        Map<CustomerId, io.boucle.customer.PurchaseHistory> histories = new java.util.HashMap<>();
        customers.forEach(customer -> histories.put(customer, io.boucle.customer.PurchaseHistory.NONE));
        store.purchaseHistories(customers.stream().map(CustomerId::value).toList())
                .forEach((id, history) -> histories.put(new CustomerId(id), history));
        return histories;
    }

    /** The staff's order list, newest first, with where each order's payment stands. */
    @Transactional(readOnly = true)
    public Page<OrderRow> search(OrderFilter filter, int page, int size) {
        Instant from = filter.from() == null ? null : filter.from().atStartOfDay(SHOP_ZONE).toInstant();
        Instant to = filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(SHOP_ZONE).toInstant();
        Page<OrderSummary> found = store.list(filter.status(), from, to, filter.text(), page, size);
        Map<String, PaymentStatus> paymentStatuses = payments.statuses(
                found.items().stream().map(order -> order.number().value()).toList());
        return new Page<>(found.items().stream()
                .map(order -> new OrderRow(order, paymentStatuses.get(order.number().value()))).toList(),
                found.page(), found.size(), found.total());
    }

    /**
     * For staff: the order with its payment attempts, refunds and emails, and one timeline of them all.
     * The timeline takes payment attempts and refunds from the payment module's records, the emails
     * from the message log, and the rest from the order's own timeline.
     */
    public Optional<OrderDetail> detail(OrderNumber number) {
        return find(number).map(order -> {
            List<PaymentView> attempts = payments.forReference(number.value());
            List<Refund> refunds = payments.refunds(number.value());
            List<OrderDetail.Email> emails = messaging.forReference(number.value()).stream()
                    .map(message -> new OrderDetail.Email(message.id().toString(), message.createdAt(), message.template(),
                            message.subject(), message.recipient(), message.status().name(), message.sentAt()))
                    .toList();
            Money due = order.status() == OrderStatus.CANCELLED ? refundDue(order, attempts, refunds)
                    : Money.zero(order.totals().total().currency());
            return new OrderDetail(order, attempts, refunds, emails, timeline(order, attempts, refunds, emails), due,
                    CANCELLABLE.contains(order.status()));
        });
    }

    private static List<OrderDetail.Event> timeline(OrderView order, List<PaymentView> attempts, List<Refund> refunds,
            List<OrderDetail.Email> emails) {
        List<OrderDetail.Event> events = new ArrayList<>();
        for (OrderView.TimelineEntry entry : order.timeline()) {
            if (TOLD_BY_PAYMENTS.contains(entry.kind())) {
                continue;
            }
            events.add(switch (entry.kind()) {
                case "PLACED" -> new OrderDetail.Event(entry.at(), entry.kind(), null, order.totals().total(), null, null);
                case "PAID", "PAYMENT_AFTER_CANCELLATION" -> new OrderDetail.Event(entry.at(), entry.kind(), null,
                        paidAmount(attempts, entry.detail()), null, entry.detail());
                default -> new OrderDetail.Event(entry.at(), entry.kind(), null, null, entry.detail(), null);
            });
        }
        for (PaymentView attempt : attempts) {
            String means = attempt.cardLast4() == null ? attempt.method()
                    : attempt.cardBrand() + " •••• " + attempt.cardLast4();
            events.add(new OrderDetail.Event(attempt.createdAt(), "PAYMENT", attempt.status().name(), attempt.amount(), means,
                    attempt.declineCode()));
        }
        for (Refund refund : refunds) {
            events.add(new OrderDetail.Event(refund.at(), "REFUND", refund.status(), refund.amount(), null, refund.failure()));
        }
        for (OrderDetail.Email email : emails) {
            events.add(new OrderDetail.Event(email.at(), "EMAIL", email.status(), null, email.subject(), email.template()));
        }
        events.sort(Comparator.comparing(OrderDetail.Event::at).thenComparing(event -> {
            int rank = SEQUENCE.indexOf(event.kind());
            return rank < 0 ? SEQUENCE.size() : rank;
        }));
        return List.copyOf(events);
    }

    private static Money paidAmount(List<PaymentView> attempts, String paymentId) {
        return attempts.stream().filter(attempt -> attempt.id().toString().equals(paymentId)).findFirst()
                .map(PaymentView::amount).orElse(null);
    }

    /** What was captured and is neither refunded nor being refunded. */
    private static Money refundDue(OrderView order, List<PaymentView> attempts, List<Refund> refunds) {
        Money due = Money.zero(order.totals().total().currency());
        for (PaymentView attempt : attempts) {
            due = due.plus(dueOn(attempt, refunds));
        }
        return due;
    }

    /**
     * What was captured on the order and is not refunded yet: a refund still pending at the provider, or
     * failed, is not made. Zero once every captured payment is refunded in full.
     */
    public Money notRefunded(OrderNumber number) {
        OrderView order = find(number).orElseThrow(() -> new NotFound("no order " + number));
        List<Refund> refunds = payments.refunds(number.value());
        Money left = Money.zero(order.totals().total().currency());
        for (PaymentView payment : payments.forReference(number.value())) {
            if (!payment.status().wasCaptured()) {
                continue;
            }
            Money made = refunds.stream().filter(refund -> refund.paymentId().equals(payment.id())
                            && "SUCCEEDED".equals(refund.status()))
                    .map(Refund::amount).reduce(Money.zero(payment.amount().currency()), Money::plus);
            left = left.plus(payment.amount().minus(made).max(Money.zero(payment.amount().currency())));
        }
        return left;
    }

    private static Money dueOn(PaymentView payment, List<Refund> refunds) {
        if (!payment.status().wasCaptured()) {
            return Money.zero(payment.amount().currency());
        }
        Money committed = refunds.stream()
                .filter(refund -> refund.paymentId().equals(payment.id()) && !refund.failed())
                .map(Refund::amount).reduce(Money.zero(payment.amount().currency()), Money::plus);
        return payment.amount().minus(committed);
    }

    /**
     * The payment {@code paymentId} was captured: the order is paid and its stock leaves for good.
     * Idempotent. When the order was cancelled meanwhile (its payment window ended), the payment is
     * refunded in full.
     */
    public OrderView markPaid(OrderNumber number, String paymentId) {
        settlePayment(number, paymentId);
        return reading.execute(status -> store.find(number, false).orElseThrow().view());
    }

    /** {@link #markPaid} without reading the order back: for the payment's own notification. */
    void settlePayment(OrderNumber number, String paymentId) {
        Instant now = Instant.now(clock);
        boolean lateForCancelledOrder = Boolean.TRUE.equals(transaction.execute(status -> {
            Optional<Money> total = store.markPaid(number, now);
            if (total.isPresent()) {
                store.addToTimeline(number, now, "PAID", paymentId);
                events.publishEvent(new OrderPaid(number, paymentId, total.get(), now));
                // Last, so that a hot SKU's stock row stays locked for the commit only.
                inventory.consume(number.value());
                return false;
            }
            OrderStatus current = store.status(number).orElseThrow(() -> new NotFound("no order " + number));
            if (current == OrderStatus.CANCELLED) {
                store.addToTimeline(number, now, "PAYMENT_AFTER_CANCELLATION", paymentId);
                return true;
            }
            return false;
        }));
        if (lateForCancelledOrder) {
            refundCaptured(number, payments.find(io.boucle.payment.PaymentId.of(paymentId)).stream().toList());
        }
    }

    /** A payment attempt failed: noted on the timeline; the stock stays held so the shopper can try again. */
    @Transactional
    public void paymentFailed(OrderNumber number, String declineCode, Instant failedAt) {
        store.find(number, false).orElseThrow(() -> new NotFound("no order " + number));
        // At the failure's own time: the same failure told twice is written once.
        store.addToTimelineOnce(number, failedAt, "PAYMENT_FAILED", declineCode);
    }

    /**
     * Cancels an order that has not left the warehouse: its stock and promotion uses are given back,
     * then what was paid is refunded through the provider (outside the transaction), once: each
     * refund has an idempotency key of its own. A refund that fails is not hidden: the result tells
     * what is still due, and cancelling the (cancelled) order again tries that refund again.
     *
     * @throws io.boucle.shared.InvalidField on {@code reason} when there is none
     * @throws OrderNotCancellable           when the goods have left, or the order is already cancelled with
     *                                       nothing left to refund
     */
    public Cancellation cancel(OrderNumber number, String reason) {
        return cancel(number, reason, null, null);
    }

    /**
     * Cancels an order whose delivery is late (Code de la consommation L216-6), even when some of it
     * has shipped: everything paid is refunded, delivery included, as {@link #cancel} does. Only the
     * quantities still in the warehouse ({@code notShipped}, per SKU) go back to stock; what has left
     * comes back through a return.
     *
     * @throws OrderNotCancellable when the order is delivered, or already cancelled with nothing left to refund
     */
    public Cancellation cancelForLateDelivery(OrderNumber number, String reason, Map<String, Integer> notShipped) {
        return cancel(number, reason, null, Map.copyOf(notShipped));
    }

    /**
     * Fulfilment: a first parcel has left the warehouse; {@link OrderShipped} is published in the caller's
     * transaction. False when the order was not paid (or preparing), e.g. already marked.
     */
    @Transactional
    public boolean markShipped(OrderNumber number) {
        Instant now = Instant.now(clock);
        for (OrderStatus from : List.of(OrderStatus.PAID, OrderStatus.PREPARING)) {
            if (store.transition(number, from, OrderStatus.SHIPPED, now, null)) {
                store.addToTimeline(number, now, "SHIPPED", null);
                events.publishEvent(new OrderShipped(number, now));
                return true;
            }
        }
        return false;
    }

    /** Fulfilment: the order is being prepared (e.g. ready for pickup in store). False when it was not paid. */
    @Transactional
    public boolean markPreparing(OrderNumber number) {
        return store.transition(number, OrderStatus.PAID, OrderStatus.PREPARING, Instant.now(clock), null);
    }

    /**
     * Fulfilment: the last parcel reached the customer, or the customer collected the order. In the
     * caller's transaction; false when the order was not paid, preparing or shipped.
     */
    @Transactional
    public boolean markDelivered(OrderNumber number, Instant deliveredAt) {
        // Units already returned and refunded (e.g. one parcel sent back before the last arrived) stay told.
        OrderStatus to = store.returnedUnits(number) > 0 ? OrderStatus.PARTIALLY_RETURNED : OrderStatus.DELIVERED;
        for (OrderStatus from : List.of(OrderStatus.SHIPPED, OrderStatus.PAID, OrderStatus.PREPARING)) {
            if (store.transition(number, from, to, deliveredAt, null)) {
                store.addToTimeline(number, deliveredAt, "DELIVERED", null);
                if (from != OrderStatus.SHIPPED) {
                    // Handed over without a parcel shipped first (collected in store).
                    events.publishEvent(new OrderShipped(number, deliveredAt));
                }
                return true;
            }
        }
        return false;
    }

    /** Statuses from which every unit returned and refunded makes the order {@code RETURNED}. */
    private static final List<OrderStatus> RETURNABLE = List.of(OrderStatus.PAID, OrderStatus.PREPARING,
            OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.PARTIALLY_RETURNED);

    /**
     * Returns: {@code units} units of the order have come back and been refunded, in all. Every unit
     * makes the order {@code RETURNED}; some units make a delivered order {@code PARTIALLY_RETURNED} (an
     * order still on its way keeps its status and becomes partly returned when delivered). Idempotent: a
     * count told again, or lower than one told before, changes nothing. False when the status did not change.
     */
    public boolean recordReturned(OrderNumber number, int units, Instant at) {
        if (units < 0) {
            throw new io.boucle.shared.InvalidField("units", "must not be negative");
        }
        return Boolean.TRUE.equals(transaction.execute(status -> {
            OrderView order = store.find(number, true).orElseThrow(() -> new NotFound("no order " + number)).view();
            int ordered = order.lines().stream().mapToInt(NewOrder.Line::quantity).sum();
            int returned = Math.min(units, ordered);
            if (returned <= store.returnedUnits(number)) {
                return false;
            }
            store.returnedUnits(number, returned);
            if (returned == ordered && RETURNABLE.contains(order.status())) {
                store.transition(number, order.status(), OrderStatus.RETURNED, at, null);
                store.addToTimeline(number, at, "RETURNED", returned + "/" + ordered);
                return true;
            }
            if (order.status() == OrderStatus.DELIVERED) {
                store.transition(number, OrderStatus.DELIVERED, OrderStatus.PARTIALLY_RETURNED, at, null);
            }
            store.addToTimeline(number, at, "PARTLY_RETURNED", returned + "/" + ordered);
            return order.status() == OrderStatus.DELIVERED;
        }));
    }

    /**
     * @param unpaidPastDeadlineAt when not null, cancels only an order still awaiting its payment
     *                             whose window ended before then, checked under the order's lock (a
     *                             payment may have arrived since the job listed it)
     */
    private Cancellation cancel(OrderNumber number, String reason, Instant unpaidPastDeadlineAt,
            Map<String, Integer> lateDeliveryNotShipped) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new io.boucle.shared.InvalidField("reason", "is required");
        }
        if (why.length() > MAX_REASON) {
            throw new io.boucle.shared.InvalidField("reason", "at most " + MAX_REASON + " characters");
        }
        Instant now = Instant.now(clock);
        OrderStatus before = transaction.execute(status -> {
            OrderView order = store.find(number, true).orElseThrow(() -> new NotFound("no order " + number)).view();
            if (unpaidPastDeadlineAt != null && (order.status() != OrderStatus.AWAITING_PAYMENT
                    || !order.paymentDeadline().isBefore(unpaidPastDeadlineAt))) {
                throw new IllegalStateException("order " + number + " is " + order.status() + " and no longer overdue");
            }
            if (order.status() == OrderStatus.CANCELLED) {
                return OrderStatus.CANCELLED;
            }
            boolean shippedLate = lateDeliveryNotShipped != null && order.status() == OrderStatus.SHIPPED;
            if (!CANCELLABLE.contains(order.status()) && !shippedLate) {
                throw new OrderNotCancellable(number, order.status());
            }
            store.transition(number, order.status(), OrderStatus.CANCELLED, now, why);
            if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                inventory.release(number.value());
            } else if (shippedLate) {
                lateDeliveryNotShipped.forEach((sku, quantity) -> {
                    if (quantity > 0) {
                        inventory.restock(sku, quantity, number.value());
                    }
                });
            } else {
                order.lines().forEach(line -> inventory.restock(line.sku(), line.quantity(), number.value()));
            }
            pricing.releaseRedemptions(number.value());
            // A year this order had taken over the distance-sales threshold may be back under it.
            distanceSales.cancelled(number);
            store.addToTimeline(number, now, "CANCELLED", why);
            // In the cancellation's transaction: a crash before the refunds loses no event (the
            // refunds announce themselves, see PaymentRefunded).
            events.publishEvent(new OrderCancelled(number, why, order.status() != OrderStatus.AWAITING_PAYMENT, now));
            audit.record("order.cancel", "order", number.value(), order.status() + " → CANCELLED: " + why);
            return order.status();
        });
        boolean cancelledNow = before != OrderStatus.CANCELLED;
        List<PaymentView> attempts = payments.forReference(number.value());
        OrderView order = store.find(number, false).orElseThrow().view();
        if (!cancelledNow && !refundDue(order, attempts, payments.refunds(number.value())).isPositive()) {
            throw new OrderNotCancellable(number, OrderStatus.CANCELLED);
        }
        // Whatever the status was: a payment captured a moment ago may not have paid the order yet.
        List<Refund> made = refundCaptured(number, attempts);
        Money due = refundDue(order, payments.forReference(number.value()), payments.refunds(number.value()));
        return new Cancellation(store.find(number, false).orElseThrow().view(), cancelledNow, made, due);
    }

    /**
     * Cancels the orders whose payment never came within their window; returns how many. An order
     * whose payment was captured (its notice is on the way) or may still be (an attempt the provider
     * has not answered yet) is left alone.
     */
    public int cancelUnpaid(int limit) {
        int cancelled = 0;
        Instant now = Instant.now(clock);
        for (OrderNumber number : store.unpaidPastDeadline(now, limit)) {
            if (payments.mayStillBePaid(number.value())) {
                log.info("Order {} is past its payment window but its payment is captured or still processing", number);
                continue;
            }
            try {
                cancel(number, "payment not received in time", now, null);
                cancelled++;
            } catch (IllegalStateException e) {
                log.debug("Order {} changed while its payment window ended: {}", number, e.getMessage());
            }
        }
        return cancelled;
    }

    /**
     * Refunds what is still due on each captured payment of the order. The key is the payment's and
     * the number of its refunds that failed, so a call repeated (or made at the same moment) refunds
     * once, and a refund that failed can be tried again.
     */
    private List<Refund> refundCaptured(OrderNumber number, List<PaymentView> attempts) {
        List<Refund> earlier = payments.refunds(number.value());
        List<Refund> made = new ArrayList<>();
        for (PaymentView payment : attempts) {
            Money due = dueOn(payment, earlier);
            if (!due.isPositive()) {
                continue;
            }
            long failed = earlier.stream().filter(refund -> refund.paymentId().equals(payment.id()) && refund.failed()).count();
            try {
                Refund refund = payments.refund(payment.id(), due, "cancel:" + number + ":" + payment.id() + ":" + failed);
                if (refund.failed()) {
                    log.warn("Refund of {} for cancelled order {} failed: {}", due, number, refund.failure());
                }
                made.add(refund);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // Another refund of this payment started meanwhile: what is due is recomputed by the caller.
                log.warn("Refund of {} for cancelled order {} was not made: {}", due, number, e.getMessage());
            }
        }
        return made;
    }

    private static String newAccessToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
