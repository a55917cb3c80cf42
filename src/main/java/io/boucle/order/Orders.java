package io.boucle.order;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.boucle.inventory.Inventory;
import io.boucle.payment.PaymentStatus;
import io.boucle.payment.PaymentView;
import io.boucle.payment.Payments;
import io.boucle.pricing.Pricing;
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

    private final OrderStore store;
    private final Inventory inventory;
    private final Pricing pricing;
    private final Payments payments;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    Orders(OrderStore store, Inventory inventory, Pricing pricing, Payments payments, ApplicationEventPublisher events,
            Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.inventory = inventory;
        this.pricing = pricing;
        this.payments = payments;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
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
        store.addToTimeline(number, now, "PLACED", order.totals().total().toString());
        events.publishEvent(new OrderPlaced(number, order.email().value(), order.totals().total(), now));
        return new OrderView(number, OrderStatus.AWAITING_PAYMENT, order.email().value(), order.locale(),
                order.totals().total().currency().getCurrencyCode(), order.shipping(), order.billing(), order.company(),
                order.delivery(), order.lines(), order.totals(), order.promotions(), order.paymentMethod(), now, null,
                deadline, null, null, accessToken, List.of(new OrderView.TimelineEntry(now, "PLACED", order.totals().total().toString())));
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

    @Transactional(readOnly = true)
    public Page<OrderSummary> list(OrderStatus status, String query, int page, int size) {
        return store.list(status, query, page, size);
    }

    /**
     * The payment {@code paymentId} was captured: the order is paid and its stock leaves for good.
     * Idempotent. When the order was cancelled meanwhile (its payment window ended), the payment is
     * refunded in full.
     */
    public OrderView markPaid(OrderNumber number, String paymentId) {
        Instant now = Instant.now(clock);
        boolean lateForCancelledOrder = Boolean.TRUE.equals(transaction.execute(status -> {
            OrderView order = store.find(number, true).orElseThrow(() -> new NotFound("no order " + number)).view();
            if (order.status() == OrderStatus.CANCELLED) {
                store.addToTimeline(number, now, "PAYMENT_AFTER_CANCELLATION", paymentId);
                return true;
            }
            if (store.transition(number, OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, now, null)) {
                inventory.consume(number.value());
                store.addToTimeline(number, now, "PAID", paymentId);
                events.publishEvent(new OrderPaid(number, paymentId, order.totals().total(), now));
            }
            return false;
        }));
        if (lateForCancelledOrder) {
            refund(number, payments.find(io.boucle.payment.PaymentId.of(paymentId)).stream().toList());
        }
        return store.find(number, false).orElseThrow().view();
    }

    /** A payment attempt failed: noted on the timeline; the stock stays held so the shopper can try again. */
    @Transactional
    public void paymentFailed(OrderNumber number, String declineCode) {
        store.find(number, false).orElseThrow(() -> new NotFound("no order " + number));
        store.addToTimeline(number, Instant.now(clock), "PAYMENT_FAILED", declineCode);
    }

    /**
     * Cancels an order that has not left the warehouse: its stock and promotion uses are given back,
     * then what was paid is refunded through the provider (outside the transaction).
     */
    public OrderView cancel(OrderNumber number, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new io.boucle.shared.InvalidField("reason", "is required");
        }
        Instant now = Instant.now(clock);
        OrderStatus before = transaction.execute(status -> {
            OrderView order = store.find(number, true).orElseThrow(() -> new NotFound("no order " + number)).view();
            if (!CANCELLABLE.contains(order.status())) {
                throw new IllegalStateException("order " + number + " is " + order.status() + " and cannot be cancelled");
            }
            store.transition(number, order.status(), OrderStatus.CANCELLED, now, reason.strip());
            if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                inventory.release(number.value());
            } else {
                order.lines().forEach(line -> inventory.restock(line.sku(), line.quantity(), number.value()));
            }
            pricing.releaseRedemptions(number.value());
            store.addToTimeline(number, now, "CANCELLED", reason.strip());
            return order.status();
        });
        boolean refunded = before != OrderStatus.AWAITING_PAYMENT && refund(number, payments.forReference(number.value()));
        transaction.executeWithoutResult(status -> events.publishEvent(
                new OrderCancelled(number, reason.strip(), refunded, now)));
        return store.find(number, false).orElseThrow().view();
    }

    /** Cancels the orders whose payment never came within their window; returns how many. */
    public int cancelUnpaid(int limit) {
        int cancelled = 0;
        for (OrderNumber number : store.unpaidPastDeadline(Instant.now(clock), limit)) {
            try {
                cancel(number, "payment not received in time");
                cancelled++;
            } catch (IllegalStateException e) {
                log.debug("Order {} changed while its payment window ended: {}", number, e.getMessage());
            }
        }
        return cancelled;
    }

    /** Refunds every captured payment of the order, once (the refund key is per payment). */
    private boolean refund(OrderNumber number, List<PaymentView> paid) {
        boolean any = false;
        for (PaymentView payment : paid) {
            if (payment.status() == PaymentStatus.CAPTURED || payment.status() == PaymentStatus.PARTIALLY_REFUNDED) {
                payments.refund(payment.id(), payment.amount().minus(payment.refunded()), "cancel:" + number + ":" + payment.id());
                transaction.executeWithoutResult(status ->
                        store.addToTimeline(number, Instant.now(clock), "REFUNDED", payment.amount().minus(payment.refunded()).toString()));
                any = true;
            }
        }
        return any;
    }

    private static String newAccessToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
