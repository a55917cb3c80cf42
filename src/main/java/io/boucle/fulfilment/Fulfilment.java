package io.boucle.fulfilment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.boucle.messaging.Sms;
import io.boucle.order.Cancellation;
import io.boucle.order.OrderNotCancellable;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.Money;
import io.boucle.shared.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to a paid order until the customer has it: parcels shipped (in part or whole, never
 * more than ordered), their status from the carrier's webhook or by hand, click & collect with a
 * pickup code, the delivery deadline watch and the cancellation for late delivery. When the last
 * parcel is delivered, or the order collected, {@link OrderDelivered} is published, once, in the
 * same transaction.
 */
@Service
public class Fulfilment {

    private static final Logger log = LoggerFactory.getLogger(Fulfilment.class);
    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Pickup codes: no 0/O, 1/I/L to misread at the counter. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int PICKUP_CODE_LENGTH = 6;
    private static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{3,39}");
    /** How long the merchant has to refund after a cancellation for late delivery (L216-6 → L216-3). */
    static final int REFUND_DAYS = 14;
    static final int MAX_DETAIL = 300;
    static final int QUEUE_LIMIT = 200;
    static final int PICK_LIST_LIMIT = 5000;

    private final FulfilmentStore store;
    private final Orders orders;
    private final ShipmentNotices notices;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    Fulfilment(FulfilmentStore store, Orders orders, ShipmentNotices notices, ApplicationEventPublisher events, Clock clock,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.orders = orders;
        this.notices = notices;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    // Reading

    public List<Carrier> carriers() {
        return store.carriers();
    }

    /** The order as fulfilment sees it, once it has been paid. */
    @Transactional
    public Optional<OrderFulfilment> forOrder(OrderNumber number) {
        Optional<OrderFulfilment> found = store.find(number);
        if (found.isPresent()) {
            return found;
        }
        return open(number) ? store.find(number) : Optional.empty();
    }

    /** For the public tracking page. */
    @Transactional(readOnly = true)
    public Optional<OrderFulfilment> byTrackingToken(String token) {
        if (token == null || token.length() < 20 || token.length() > 64) {
            return Optional.empty();
        }
        return store.findByTrackingToken(token);
    }

    /** Paid orders with units left to ship, the most urgent (earliest promise) first. */
    @Transactional(readOnly = true)
    public List<OrderFulfilment> toShip() {
        return toShip(null);
    }

    /** Every paid order with units left to ship, for the pick list. */
    @Transactional(readOnly = true)
    List<OrderFulfilment> allToShip() {
        return store.toShip(null, PICK_LIST_LIMIT);
    }

    /** {@link #toShip()}, of the orders whose number, email or customer's name holds {@code text}. */
    @Transactional(readOnly = true)
    public List<OrderFulfilment> toShip(String text) {
        return store.toShip(text, QUEUE_LIMIT);
    }

    /** Click & collect orders not collected yet (whose number, email or name holds {@code text}, when given). */
    @Transactional(readOnly = true)
    public List<OrderFulfilment> clickAndCollect(String text) {
        return store.clickAndCollect(text, QUEUE_LIMIT);
    }

    /** Orders past their promised date, neither delivered nor cancelled (filtered as {@link #toShip(String)}). */
    @Transactional(readOnly = true)
    public List<OrderFulfilment> lateOrders(String text) {
        return store.late(today(), text, QUEUE_LIMIT);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(Instant.now(clock), SHOP_ZONE);
    }

    // Paid orders

    /**
     * Starts following a paid order: its lines, its promised date (the announced estimate's latest
     * date, or 30 days after the order when none was announced) and its tracking page. Idempotent;
     * false when the order is not paid (or further along).
     */
    @Transactional
    boolean open(OrderNumber number) {
        Optional<OrderView> found = orders.find(number);
        if (found.isEmpty() || !List.of(OrderStatus.PAID, OrderStatus.PREPARING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
                .contains(found.get().status())) {
            return false;
        }
        OrderView order = found.get();
        LocalDate promised = promisedDate(order);
        List<OrderFulfilment.Line> lines = new java.util.ArrayList<>();
        for (int index = 0; index < order.lines().size(); index++) {
            var line = order.lines().get(index);
            lines.add(new OrderFulfilment.Line(index + 1, line.sku(), line.title(), line.quantity(), 0));
        }
        boolean clickAndCollect = DeliveryKind.CLICK_AND_COLLECT.name().equals(order.delivery().kind());
        store.insert(new FulfilmentStore.NewOrderRow(number, order.email(), order.locale(), order.shipping().name(),
                clickAndCollect, order.delivery().pickupPoint(), order.paidAt() == null ? order.placedAt() : order.paidAt(),
                promised, newToken(), lines));
        return true;
    }

    /** The announced estimate's latest date; without one, 30 days after the order (L216-1). */
    static LocalDate promisedDate(OrderView order) {
        if (order.delivery() != null && order.delivery().latest() != null) {
            return order.delivery().latest();
        }
        return Delivery.latestLawfulDelivery(LocalDate.ofInstant(order.placedAt(), SHOP_ZONE));
    }

    /** The order was cancelled: nothing more to ship or to watch. */
    @Transactional
    void cancelled(OrderNumber number, Instant at) {
        store.markCancelled(number, at);
    }

    // Shipments

    /**
     * Ships a parcel of a paid order, with the quantity of each line it holds ({@code quantities} by
     * line position from 1; null or empty ships everything still to ship). The customer is told, by
     * email and by SMS when they gave a number.
     *
     * @throws FulfilmentRefused when the order cannot ship (not paid, cancelled, click & collect), the
     *                           carrier or tracking number is wrong, or a quantity is more than what
     *                           is left to ship of its line; nothing was written
     */
    @Transactional
    public Shipment ship(OrderNumber number, String carrierCode, String trackingNumber, Map<Integer, Integer> quantities) {
        OrderFulfilment order = lockOrRefuse(number);
        if (order.cancelled()) {
            throw new FulfilmentRefused("cancelled", "order " + number + " is cancelled");
        }
        if (order.clickAndCollect()) {
            throw new FulfilmentRefused("clickAndCollect", "order " + number + " is collected in store, not shipped");
        }
        Carrier carrier = store.carrier(carrierCode == null ? "" : carrierCode.strip())
                .orElseThrow(() -> new FulfilmentRefused("carrier", "no carrier has the code '" + carrierCode + "'", carrierCode));
        String tracking = trackingNumber == null ? "" : trackingNumber.strip();
        if (!TRACKING_NUMBER.matcher(tracking).matches()) {
            throw new FulfilmentRefused("trackingNumber", "a tracking number is 4 to 40 letters, digits or dashes", tracking);
        }
        if (store.trackingNumberTaken(carrier.code(), tracking)) {
            throw new FulfilmentRefused("trackingTaken", carrier.name() + " tracking number " + tracking + " is already used", tracking);
        }
        Map<Integer, Integer> shipped = new LinkedHashMap<>();
        if (quantities == null || quantities.values().stream().allMatch(q -> q == null || q == 0)) {
            order.lines().stream().filter(line -> line.remaining() > 0).forEach(line -> shipped.put(line.position(), line.remaining()));
        } else {
            for (var entry : new java.util.TreeMap<>(quantities).entrySet()) {
                int quantity = entry.getValue() == null ? 0 : entry.getValue();
                OrderFulfilment.Line line = order.lines().stream().filter(l -> l.position() == entry.getKey()).findFirst()
                        .orElseThrow(() -> new FulfilmentRefused("line", "order " + number + " has no line " + entry.getKey(), entry.getKey()));
                if (quantity < 0) {
                    throw new FulfilmentRefused("quantity", "a quantity cannot be negative (line " + line.position() + ")", line.position());
                }
                if (quantity > line.remaining()) {
                    throw new FulfilmentRefused("overShipped", "line " + line.position() + " (" + line.sku() + "): " + line.quantity()
                            + " ordered, " + line.shipped() + " already shipped, so at most " + line.remaining() + " more, not "
                            + quantity, line.position(), line.sku(), line.quantity(), line.shipped(), quantity);
                }
                if (quantity > 0) {
                    shipped.put(line.position(), quantity);
                }
            }
        }
        if (shipped.isEmpty()) {
            throw new FulfilmentRefused("nothingToShip", "order " + number + " has nothing left to ship");
        }
        Instant now = now();
        UUID id = UUID.randomUUID();
        store.insertShipment(id, number, carrier.code(), tracking, now, shipped);
        shipped.forEach((position, quantity) -> store.addShipped(number, position, quantity));
        store.addEvent(id, ShipmentStatus.SHIPPED, now, "STAFF", null, null, now);
        // Under the order's lock: an order cancelled a moment ago (its event not handled yet) does not ship.
        if (!orders.markShipped(number) && orders.find(number).map(OrderView::status).orElse(null) != OrderStatus.SHIPPED) {
            throw new FulfilmentRefused("cancelled", "order " + number + " is no longer paid: it cannot ship");
        }
        Shipment shipment = store.shipment(id).orElseThrow();
        notices.shipped(store.find(number).orElseThrow(), shipment);
        return shipment;
    }

    /**
     * A status set by hand in the back office.
     *
     * @param at when it happened; null for now
     */
    @Transactional
    public Shipment updateStatus(UUID shipmentId, ShipmentStatus status, Instant at, String detail) {
        Shipment shipment = store.shipment(shipmentId).orElseThrow(() -> new NotFound("no shipment " + shipmentId));
        record(shipment, status, at == null ? now() : at.truncatedTo(java.time.temporal.ChronoUnit.MICROS), "STAFF", null, detail);
        return store.shipment(shipmentId).orElseThrow();
    }

    /** A carrier's status event, already authenticated (see {@link CarrierWebhook}). */
    public record CarrierEvent(String eventId, String trackingNumber, ShipmentStatus status, Instant occurredAt, String detail) {
    }

    /**
     * Records a carrier's event. A replay (same event id) changes nothing and answers false.
     *
     * @throws NotFound when the carrier has no parcel of this shop with this tracking number
     */
    @Transactional
    public boolean carrierEvent(String carrierCode, CarrierEvent event) {
        if (event.eventId() == null || event.eventId().isBlank() || event.eventId().length() > 100) {
            throw new IllegalArgumentException("eventId: required, at most 100 characters");
        }
        if (event.status() == null) {
            throw new IllegalArgumentException("status: one of " + java.util.Arrays.toString(ShipmentStatus.values()));
        }
        Shipment shipment = store.shipment(carrierCode, event.trackingNumber() == null ? "" : event.trackingNumber().strip())
                .orElseThrow(() -> new NotFound("no " + carrierCode + " parcel " + event.trackingNumber()));
        Instant at = event.occurredAt() == null ? now() : event.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return record(shipment, event.status(), at, "CARRIER", event.eventId(), event.detail());
    }

    private boolean record(Shipment shipment, ShipmentStatus status, Instant at, String source, String externalId, String detail) {
        Objects.requireNonNull(status, "status");
        if (at.isAfter(Instant.now(clock).plusSeconds(300))) {
            throw new FulfilmentRefused("future", "a status cannot be dated in the future");
        }
        if (at.isBefore(shipment.shippedAt().minusSeconds(60))) {
            throw new FulfilmentRefused("beforeShipping", "a status cannot be dated before the parcel shipped");
        }
        String note = detail == null || detail.isBlank() ? null : detail.strip();
        if (note != null && note.length() > MAX_DETAIL) {
            note = note.substring(0, MAX_DETAIL);
        }
        OrderNumber number = shipment.orderNumber();
        store.lock(number);
        Instant now = now();
        if (!store.addEvent(shipment.id(), status, at, source, externalId, note, now)) {
            log.debug("Carrier event {} for parcel {} was recorded before", externalId, shipment.trackingNumber());
            return false;
        }
        Shipment current = store.shipment(shipment.id()).orElseThrow();
        if (current.delivered() || current.status() == status) {
            // Delivered is final; a later or repeated event only adds to the history.
            return true;
        }
        store.setStatus(shipment.id(), status, status == ShipmentStatus.DELIVERED ? at : null);
        OrderFulfilment order = store.find(number).orElseThrow();
        Shipment updated = store.shipment(shipment.id()).orElseThrow();
        switch (status) {
            case OUT_FOR_DELIVERY -> notices.outForDelivery(order, updated);
            case DELIVERED -> {
                store.markDeliveredIfComplete(number).ifPresent(deliveredAt -> delivered(number, deliveredAt));
            }
            default -> {
            }
        }
        return true;
    }

    private void delivered(OrderNumber number, Instant deliveredAt) {
        if (!orders.markDelivered(number, deliveredAt)) {
            // Cancelled meanwhile (for late delivery): the parcels come back through a return.
            log.warn("Order {} was delivered at {} but is no longer shipped: not announced as delivered", number, deliveredAt);
            return;
        }
        events.publishEvent(new OrderDelivered(number, deliveredAt));
        notices.delivered(store.find(number).orElseThrow(), deliveredAt);
    }

    // Click & collect

    /**
     * The order is ready at the store: a pickup code is drawn and sent to the customer (email, and
     * SMS when they gave a number). Doing it again sends the same code again.
     */
    @Transactional
    public void readyForPickup(OrderNumber number) {
        OrderFulfilment order = lockOrRefuse(number);
        if (!order.clickAndCollect()) {
            throw new FulfilmentRefused("notClickAndCollect", "order " + number + " is not a click & collect order");
        }
        if (order.cancelled() || order.delivered()) {
            throw new FulfilmentRefused(order.cancelled() ? "cancelled" : "collected", "order " + number + " is "
                    + (order.cancelled() ? "cancelled" : "collected already"));
        }
        String code = store.pickupCode(number).orElseGet(Fulfilment::newPickupCode);
        store.readyForPickup(number, code, now());
        orders.markPreparing(number);
        notices.readyForPickup(store.find(number).orElseThrow(), code);
    }

    /**
     * The customer collects the order at the counter with their code (case and spaces ignored): the
     * order is delivered now.
     *
     * @throws FulfilmentRefused when the code is wrong or the order is not ready; nothing changed
     */
    @Transactional
    public OrderFulfilment collect(OrderNumber number, String code) {
        OrderFulfilment order = lockOrRefuse(number);
        if (order.delivered()) {
            throw new FulfilmentRefused("collected", "order " + number + " was collected already");
        }
        if (order.cancelled() || !order.readyForPickup()) {
            throw new FulfilmentRefused("notReady", "order " + number + " is not ready for pickup");
        }
        String given = code == null ? "" : code.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        String expected = store.pickupCode(number).orElseThrow();
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new FulfilmentRefused("wrongCode", "the pickup code does not match order " + number);
        }
        Instant now = now();
        store.markCollected(number, now);
        if (!orders.markDelivered(number, now)) {
            throw new FulfilmentRefused("cancelled", "order " + number + " is no longer paid: it cannot be handed over");
        }
        events.publishEvent(new OrderDelivered(number, now));
        notices.delivered(store.find(number).orElseThrow(), now);
        return store.find(number).orElseThrow();
    }

    // Delivery deadlines

    /**
     * The deadline watch: flags each order newly past its promised date for the staff and tells its
     * customer, once, that they may cancel it. Returns how many were flagged.
     */
    public int flagLate(int limit) {
        int flagged = 0;
        Instant now = now();
        for (OrderNumber number : store.lateUnflagged(today(), limit)) {
            Boolean done = transaction.execute(status -> {
                store.lock(number);
                if (!store.flagLate(number, now)) {
                    return false;
                }
                OrderFulfilment order = store.find(number).orElseThrow();
                log.warn("Order {} is late: promised by {}, not delivered", number, order.promisedDate());
                notices.late(order, orders.find(number).map(OrderView::accessToken).orElseThrow());
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                flagged++;
            }
        }
        return flagged;
    }

    /** What a cancellation for late delivery did, and the date its refund is due by. */
    public record LateCancellation(Cancellation cancellation, LocalDate refundDueBy) {
    }

    /**
     * The customer cancels an order that is late (past its promised date, not delivered): everything
     * paid is refunded, items and all delivery costs, through the order's cancellation (the refund is
     * due within 14 days; the provider is asked at once).
     *
     * @throws FulfilmentRefused when the order is not late, or delivered
     */
    public LateCancellation cancelForLateDelivery(OrderNumber number) {
        OrderFulfilment order = transaction.execute(status -> forOrder(number))
                .orElseThrow(() -> new FulfilmentRefused("notLate", "order " + number + " is not late"));
        if (order.lateCancelledAt() != null) {
            // Asked again: the refund is tried again if it had failed.
            try {
                Cancellation again = orders.cancel(number, "late delivery");
                return new LateCancellation(again, order.refundDueBy());
            } catch (OrderNotCancellable e) {
                throw new FulfilmentRefused("cancelled", "order " + number + " is cancelled and refunded already");
            }
        }
        if (order.delivered()) {
            throw new FulfilmentRefused("delivered", "order " + number + " has been delivered");
        }
        if (order.cancelled()) {
            throw new FulfilmentRefused("cancelled", "order " + number + " is cancelled");
        }
        if (!order.lateOn(today())) {
            throw new FulfilmentRefused("notLate", "order " + number + " is due by " + order.promisedDate() + ": it is not late",
                    order.promisedDate());
        }
        Map<String, Integer> notShipped = new HashMap<>();
        order.lines().forEach(line -> notShipped.merge(line.sku(), line.remaining(), Integer::sum));
        Cancellation cancellation;
        try {
            cancellation = orders.cancelForLateDelivery(number, "late delivery: promised by " + order.promisedDate(), notShipped);
        } catch (OrderNotCancellable e) {
            throw new FulfilmentRefused("notCancellable", "order " + number + " is " + e.status() + " and can no longer be cancelled");
        }
        Instant now = now();
        LocalDate due = today().plusDays(REFUND_DAYS);
        transaction.executeWithoutResult(status -> store.markLateCancelled(number, now, due));
        return new LateCancellation(cancellation, due);
    }

    /**
     * The refund watch of cancellations for late delivery: for each order whose refund was due before
     * today (14 days after the cancellation), asks orders whether everything captured is refunded (a refund
     * still pending at the provider, or failed, is not). When not, raises a staff alert, once, and publishes
     * {@link LateRefundOverdue}; when it is, the order is no longer watched and its alert is closed. Returns
     * how many alerts were raised.
     */
    public int watchLateCancellationRefunds(int limit) {
        Instant now = now();
        int raised = 0;
        for (OrderNumber number : store.lateRefundsToCheck(today(), limit)) {
            Money left = orders.notRefunded(number);
            if (!left.isPositive()) {
                transaction.executeWithoutResult(status -> store.refundSettled(number, now));
                continue;
            }
            Boolean added = transaction.execute(status -> {
                if (!store.raiseRefundOverdue(number, now)) {
                    return false;
                }
                OrderFulfilment order = store.find(number).orElseThrow();
                events.publishEvent(new LateRefundOverdue(number, order.refundDueBy(), left));
                log.warn("Refund of order {} cancelled for late delivery was due by {}: {} is still not refunded", number,
                        order.refundDueBy(), left);
                return true;
            });
            if (Boolean.TRUE.equals(added)) {
                raised++;
            }
        }
        return raised;
    }

    /** Open alerts: refunds of cancellations for late delivery not made by their due date. */
    @Transactional(readOnly = true)
    public List<LateRefundAlert> lateRefundAlerts() {
        return store.openLateRefundAlerts(QUEUE_LIMIT);
    }

    // SMS

    /**
     * Where the customer wants shipping notices by SMS too; blank stops them.
     *
     * @throws FulfilmentRefused when it is not a phone number
     */
    @Transactional
    public void smsPhone(OrderNumber number, String typed) {
        lockOrRefuse(number);
        if (typed == null || typed.isBlank()) {
            store.smsPhone(number, null);
            return;
        }
        String phone = Sms.normalise(typed).orElseThrow(() -> new FulfilmentRefused("phone", "not a phone number: " + typed));
        store.smsPhone(number, phone);
    }

    // Helpers

    private OrderFulfilment lockOrRefuse(OrderNumber number) {
        if (!store.lock(number)) {
            if (!open(number) || !store.lock(number)) {
                throw new FulfilmentRefused("notPaid", "order " + number + " is not paid");
            }
        }
        return store.find(number).orElseThrow();
    }

    /** Now, as PostgreSQL keeps it (microseconds): what is published is what is stored. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    static String newPickupCode() {
        StringBuilder code = new StringBuilder(PICKUP_CODE_LENGTH);
        for (int i = 0; i < PICKUP_CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
