package io.boucle.returns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.WithdrawalExclusion;
import io.boucle.inventory.Inventory;
import io.boucle.invoicing.CreditNoteRefused;
import io.boucle.invoicing.CreditNoteRequest;
import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.NewOrder;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.payment.PaymentView;
import io.boucle.payment.Payments;
import io.boucle.payment.Refund;
import io.boucle.shared.Identifiers;
import io.boucle.shared.InvalidField;
import io.boucle.shared.Money;
import io.boucle.shared.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Withdrawals and returns, from the customer's declaration to the refund and its credit note.
 *
 * <h2>Withdrawal</h2>
 * The period runs from receipt, which fulfilment announces ({@code OrderDelivered}); see
 * {@link WithdrawalPeriod}. A paid order may be withdrawn from before it arrives (L221-18: from the
 * conclusion of the contract) and until the end of the last day; after it, the withdrawal is refused and
 * nothing is written. Lines whose product is excluded outright (L221-28) cannot be withdrawn; sealed
 * goods can, and the inspection refuses them if they come back unsealed. Each withdrawal is acknowledged
 * by email with its date and time, once.
 *
 * <h2>Refund</h2>
 * What the customer actually paid for the accepted units (line totals after discounts, shared per unit,
 * the last unit taking the remainder), plus, on a withdrawal of the whole order with every line accepted,
 * the delivery up to the standard delivery price (never the extra of an express option, L221-24). It goes
 * back to the original payment through the provider, once per return (idempotency keys per return and
 * attempt), due within 14 days of the withdrawal; a job raises a staff alert when it is late. A line is
 * never refunded twice, and nothing beyond what was paid and is not refunded yet.
 */
@Service
public class Returns {

    private static final Logger log = LoggerFactory.getLogger(Returns.class);

    /** The longest reason or note kept. */
    public static final int MAX_TEXT = 1000;

    static final String OVERDUE = "REFUND_OVERDUE";

    private final ReturnStore store;
    private final Orders orders;
    private final Payments payments;
    private final Invoicing invoicing;
    private final Inventory inventory;
    private final Catalog catalog;
    private final ReturnMails mails;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    Returns(ReturnStore store, Orders orders, Payments payments, Invoicing invoicing, Inventory inventory, Catalog catalog,
            ReturnMails mails, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.orders = orders;
        this.payments = payments;
        this.invoicing = invoicing;
        this.inventory = inventory;
        this.catalog = catalog;
        this.mails = mails;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    // Receipt

    /** The goods of the order were received at {@code deliveredAt}: the withdrawal period starts. Idempotent. */
    public boolean recordDelivery(OrderNumber order, Instant deliveredAt) {
        return Boolean.TRUE.equals(transaction.execute(status -> store.recordDelivery(order, deliveredAt, Instant.now(clock))));
    }

    public Optional<Instant> deliveredAt(OrderNumber order) {
        return store.deliveredAt(order);
    }

    /**
     * The last day to withdraw from the order; empty until its goods are received. Extended when the
     * withdrawal information was not given (L221-20, see {@link WithdrawalPeriod#lastDay(LocalDate, LocalDate)}).
     */
    public Optional<LocalDate> withdrawalDeadline(OrderNumber order) {
        return deliveredAt(order).map(at -> lastDay(order, at));
    }

    private LocalDate lastDay(OrderNumber order, Instant deliveredAt) {
        LocalDate received = deliveredAt.atZone(WithdrawalPeriod.SHOP_ZONE).toLocalDate();
        Optional<WithdrawalInformation> information = store.withdrawalInformation(order);
        // No record: given with the order, as the checkout shows it. Not given: null, the period is extended.
        LocalDate informedOn = information.isEmpty() ? received : information.get().givenOn();
        return WithdrawalPeriod.lastDay(received, informedOn);
    }

    // The withdrawal information (L221-20)

    /** What was recorded about the withdrawal information of the order; empty: given with the order. */
    public Optional<WithdrawalInformation> withdrawalInformation(OrderNumber order) {
        return store.withdrawalInformation(order);
    }

    /**
     * The order's acknowledgment, which carries the withdrawal information and form, was sent: the
     * information was given the day the order was placed. A record of the staff is kept over it. Idempotent.
     */
    public boolean recordAcknowledgment(OrderNumber order, Instant placedAt, Instant sentAt) {
        return Boolean.TRUE.equals(transaction.execute(status -> store.informationAcknowledged(order,
                placedAt.atZone(WithdrawalPeriod.SHOP_ZONE).toLocalDate(), sentAt)));
    }

    /**
     * The staff record that the withdrawal information of the order was not given ({@code given} false,
     * no date), or was given on {@code givenOn} (e.g. sent later): the withdrawal period follows (L221-20).
     *
     * @throws InvalidField on {@code givenOn} when given without a day, not given with one, a day in the future or
     *                      before the order; on {@code note} when too long. Nothing is written then
     * @throws NotFound     when there is no such order
     */
    public WithdrawalInformation recordWithdrawalInformation(OrderNumber order, boolean given, LocalDate givenOn, String note,
            String staff) {
        String text = optionalText(note, "note");
        OrderView found = orders.find(order).orElseThrow(() -> new NotFound("no order " + order));
        Instant now = Instant.now(clock);
        LocalDate today = now.atZone(WithdrawalPeriod.SHOP_ZONE).toLocalDate();
        if (given && givenOn == null) {
            throw new InvalidField("givenOn", "say on which day the information was given");
        }
        if (!given && givenOn != null) {
            throw new InvalidField("givenOn", "information not given has no day");
        }
        if (givenOn != null && givenOn.isAfter(today)) {
            throw new InvalidField("givenOn", "must not be in the future");
        }
        if (givenOn != null && givenOn.isBefore(found.placedAt().atZone(WithdrawalPeriod.SHOP_ZONE).toLocalDate())) {
            throw new InvalidField("givenOn", "must not be before the order was placed");
        }
        transaction.executeWithoutResult(status -> store.recordInformation(order, given, givenOn, text, now, staff));
        log.info("Withdrawal information of order {} recorded by {}: {}", order, staff, given ? "given on " + givenOn : "not given");
        return store.withdrawalInformation(order).orElseThrow();
    }

    // The customer

    /** Where the order stands for withdrawal and returns, for its page. */
    public WithdrawalStanding standing(OrderView order) {
        Instant now = Instant.now(clock);
        Optional<Instant> delivered = store.deliveredAt(order.number());
        Map<Integer, Integer> inReturns = store.unitsInReturns(order.number());
        Map<String, WithdrawalExclusion> exclusions = catalog.withdrawalExclusions(
                order.lines().stream().map(NewOrder.Line::sku).toList());
        List<WithdrawalStanding.Line> lines = new ArrayList<>();
        for (int index = 0; index < order.lines().size(); index++) {
            NewOrder.Line line = order.lines().get(index);
            int position = index + 1;
            lines.add(new WithdrawalStanding.Line(position, line.sku(), line.title(), line.quantity(),
                    Math.max(0, line.quantity() - inReturns.getOrDefault(position, 0)), exclusions.get(line.sku())));
        }
        boolean sold = returnable(order);
        Optional<LocalDate> deadline = delivered.map(at -> lastDay(order.number(), at));
        boolean periodOver = deadline.isPresent() && !now.isBefore(WithdrawalPeriod.closesAt(deadline.get()));
        boolean canWithdraw = sold && !periodOver && lines.stream().anyMatch(WithdrawalStanding.Line::withdrawable);
        boolean canReport = sold && delivered.isPresent() && WithdrawalPeriod.underGuarantee(delivered.get(), now)
                && lines.stream().anyMatch(line -> line.returnable() > 0);
        return new WithdrawalStanding(delivered.orElse(null), deadline.orElse(null),
                canWithdraw, periodOver, canReport, List.copyOf(lines), store.forOrders(List.of(order.number().value())));
    }

    /**
     * The customer withdraws from the contract (the online withdrawal function, L221-18 as amended in
     * 2026): for the given units, or every unit that may be withdrawn. Acknowledged by email with the date
     * and time. The same idempotency key for the same order returns the same withdrawal.
     *
     * @param order   the order, already read for whoever may see it (token or signed-in buyer)
     * @param channel where it was declared ({@code WEB}, {@code API}, {@code STAFF})
     * @throws ReturnRefused when the period is over, the order cannot be withdrawn from, a line is excluded or a
     *                       quantity is more than what is left; nothing is written then
     */
    public CustomerReturn withdraw(OrderView order, ReturnRequest request, String channel, String idempotencyKey) {
        String reason = optionalText(request.reason(), "reason");
        UUID id = transaction.execute(status -> {
            store.lockOrder(order.number());
            Optional<CustomerReturn> replay = replay(order, idempotencyKey);
            if (replay.isPresent()) {
                return replay.get().id();
            }
            OrderView current = orders.find(order.number()).orElseThrow(() -> new NotFound("no order " + order.number()));
            if (!returnable(current)) {
                throw new ReturnRefused(ReturnRefused.Reason.NOT_RETURNABLE, "order " + current.number() + " is "
                        + current.status() + ": there is nothing to withdraw from");
            }
            Instant now = Instant.now(clock);
            Optional<LocalDate> deadline = store.deliveredAt(current.number()).map(at -> lastDay(current.number(), at));
            if (deadline.isPresent() && !now.isBefore(WithdrawalPeriod.closesAt(deadline.get()))) {
                throw new ReturnRefused(ReturnRefused.Reason.PERIOD_OVER, "the withdrawal period of order "
                        + current.number() + " ended on " + deadline.get());
            }
            Map<String, WithdrawalExclusion> exclusions = catalog.withdrawalExclusions(
                    current.lines().stream().map(NewOrder.Line::sku).toList());
            List<ReturnLine> lines = lines(current, request, true, exclusions);
            boolean whole = lines.size() == current.lines().size() && lines.stream()
                    .allMatch(line -> line.quantity() == current.lines().get(line.position() - 1).quantity());
            UUID newId = Identifiers.newUuid(clock);
            String number = store.insert(new ReturnStore.NewReturn(newId, current.number(), ReturnKind.WITHDRAWAL, channel,
                    reason, idempotencyKey, now, whole, deadline.orElse(null),
                    WithdrawalPeriod.refundDueBy(now), current.currency(), lines));
            CustomerReturn created = store.find(newId, false).orElseThrow();
            mails.withdrawalAcknowledged(current, created);
            log.info("Withdrawal {} from order {} declared at {} ({})", number, current.number(), now, channel);
            return newId;
        });
        return store.find(id, false).orElseThrow();
    }

    /**
     * The customer reports a defect under the legal guarantee of conformity (two years from delivery) and
     * asks to return the given units; the return instructions are emailed.
     *
     * @throws InvalidField  when the defect is not described
     * @throws ReturnRefused when the goods were not received or the guarantee is over, or a quantity is more
     *                       than what is left
     */
    public CustomerReturn reportDefect(OrderView order, ReturnRequest request, String channel, String idempotencyKey) {
        String description = optionalText(request.reason(), "reason");
        if (description == null) {
            throw new InvalidField("reason", "describe the defect");
        }
        UUID id = transaction.execute(status -> {
            store.lockOrder(order.number());
            Optional<CustomerReturn> replay = replay(order, idempotencyKey);
            if (replay.isPresent()) {
                return replay.get().id();
            }
            OrderView current = orders.find(order.number()).orElseThrow(() -> new NotFound("no order " + order.number()));
            Instant now = Instant.now(clock);
            Optional<Instant> delivered = store.deliveredAt(current.number());
            if (!returnable(current) || delivered.isEmpty()) {
                throw new ReturnRefused(ReturnRefused.Reason.NOT_RETURNABLE, "order " + current.number()
                        + " has not been received yet");
            }
            if (!WithdrawalPeriod.underGuarantee(delivered.get(), now)) {
                throw new ReturnRefused(ReturnRefused.Reason.GUARANTEE_OVER, "the legal guarantee of order "
                        + current.number() + " ended two years after its delivery");
            }
            List<ReturnLine> lines = lines(current, request, false, Map.of());
            UUID newId = Identifiers.newUuid(clock);
            store.insert(new ReturnStore.NewReturn(newId, current.number(), ReturnKind.CONFORMITY, channel, description,
                    idempotencyKey, now, false, null, null, current.currency(), lines));
            mails.returnRequested(current, store.find(newId, false).orElseThrow());
            return newId;
        });
        return store.find(id, false).orElseThrow();
    }

    private Optional<CustomerReturn> replay(OrderView order, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Optional.empty();
        }
        if (idempotencyKey.length() > 200) {
            throw new InvalidField("Idempotency-Key", "at most 200 characters");
        }
        return store.findByKey(order.number(), idempotencyKey);
    }

    /** Paid and not cancelled: what was sold may be withdrawn from or returned. */
    private static boolean returnable(OrderView order) {
        return order.paidAt() != null && order.status() != OrderStatus.CANCELLED
                && order.status() != OrderStatus.AWAITING_PAYMENT;
    }

    private List<ReturnLine> lines(OrderView order, ReturnRequest request, boolean withdrawal,
            Map<String, WithdrawalExclusion> exclusions) {
        Map<Integer, Integer> inReturns = store.unitsInReturns(order.number());
        Map<Integer, Integer> wanted = new LinkedHashMap<>();
        if (request.items().isEmpty()) {
            for (int index = 0; index < order.lines().size(); index++) {
                NewOrder.Line line = order.lines().get(index);
                int left = line.quantity() - inReturns.getOrDefault(index + 1, 0);
                WithdrawalExclusion exclusion = exclusions.get(line.sku());
                if (left > 0 && (exclusion == null || !exclusion.outright())) {
                    wanted.put(index + 1, left);
                }
            }
            if (wanted.isEmpty()) {
                throw new ReturnRefused(ReturnRefused.Reason.QUANTITY, "nothing is left to "
                        + (withdrawal ? "withdraw from" : "return") + " in order " + order.number());
            }
        } else {
            for (ReturnRequest.Item item : request.items()) {
                int position = position(order, item);
                if (item.quantity() < 1) {
                    throw new ReturnRefused(ReturnRefused.Reason.QUANTITY, "line " + position + ": the quantity must be at least 1");
                }
                if (wanted.putIfAbsent(position, item.quantity()) != null) {
                    throw new ReturnRefused(ReturnRefused.Reason.QUANTITY, "line " + position + " is given twice");
                }
            }
        }
        List<ReturnLine> lines = new ArrayList<>();
        wanted.forEach((position, quantity) -> {
            NewOrder.Line line = order.lines().get(position - 1);
            WithdrawalExclusion exclusion = exclusions.get(line.sku());
            if (withdrawal && exclusion != null && exclusion.outright()) {
                throw new ReturnRefused(ReturnRefused.Reason.EXCLUDED, "\"" + line.title()
                        + "\" is not covered by the right of withdrawal (" + exclusion.name() + ", Code de la consommation L221-28)");
            }
            int left = line.quantity() - inReturns.getOrDefault(position, 0);
            if (quantity > left) {
                throw new ReturnRefused(ReturnRefused.Reason.QUANTITY, "line " + position + " (" + line.sku() + "): "
                        + quantity + " asked, " + Math.max(left, 0) + " left to return");
            }
            lines.add(new ReturnLine(position, line.sku(), line.title(), quantity, null, null, null, null));
        });
        return lines;
    }

    private static int position(OrderView order, ReturnRequest.Item item) {
        if (item.position() != null) {
            if (item.position() < 1 || item.position() > order.lines().size()) {
                throw new ReturnRefused(ReturnRefused.Reason.QUANTITY, "the order has no line " + item.position());
            }
            if (item.sku() != null && !item.sku().equals(order.lines().get(item.position() - 1).sku())) {
                throw new ReturnRefused(ReturnRefused.Reason.QUANTITY, "line " + item.position() + " is not " + item.sku());
            }
            return item.position();
        }
        List<Integer> found = new ArrayList<>();
        for (int index = 0; index < order.lines().size(); index++) {
            if (order.lines().get(index).sku().equals(item.sku())) {
                found.add(index + 1);
            }
        }
        if (found.isEmpty()) {
            throw new ReturnRefused(ReturnRefused.Reason.QUANTITY, "the order has no line " + item.sku());
        }
        if (found.size() > 1) {
            throw new ReturnRefused(ReturnRefused.Reason.QUANTITY, item.sku() + " is on several lines: give the position");
        }
        return found.getFirst();
    }

    // Reading

    public Optional<CustomerReturn> find(UUID id) {
        return store.find(id, false);
    }

    public Optional<CustomerReturn> findByNumber(String number) {
        return store.findByNumber(number);
    }

    public List<CustomerReturn> forOrders(Collection<OrderNumber> numbers) {
        return store.forOrders(numbers.stream().map(OrderNumber::value).toList());
    }

    /** The back office's queues. */
    public Queues queues() {
        return new Queues(store.withStatus(List.of(ReturnStatus.REQUESTED), 200),
                store.withStatus(List.of(ReturnStatus.INSPECTED, ReturnStatus.REFUNDING), 200), store.openAlerts(200),
                store.toRelist(200), store.recent(50));
    }

    /**
     * @param toInspect  declared, goods awaited or to inspect, oldest due first
     * @param refundsDue inspected and not refunded yet, by due date
     * @param toRelist   accepted items no longer new, for the second-hand flow
     */
    public record Queues(List<CustomerReturn> toInspect, List<CustomerReturn> refundsDue, List<StaffAlert> alerts,
                         List<RelistItem> toRelist, List<CustomerReturn> recent) {
    }

    // Inspection

    /**
     * Records the reception and inspection of every line of a return: accepted units (with their grade) are
     * restocked when still new (or when the item was sold second-hand), else queued to be sold again as
     * second-hand; refused units stay the customer's. Once.
     *
     * @throws ReturnRefused on {@code INSPECTION} when the return was inspected already, or a line is missing,
     *                       unknown, given twice, accepted without a grade or refused without a reason
     */
    public CustomerReturn inspect(UUID id, List<Inspection> inspections, String staff) {
        transaction.executeWithoutResult(status -> {
            CustomerReturn found = store.find(id, true).orElseThrow(() -> new NotFound("no return " + id));
            if (found.status() != ReturnStatus.REQUESTED) {
                throw new ReturnRefused(ReturnRefused.Reason.INSPECTION, "return " + found.number() + " was inspected already");
            }
            Map<Integer, Inspection> byLine = new HashMap<>();
            for (Inspection inspection : inspections) {
                if (byLine.put(inspection.position(), inspection) != null) {
                    throw new ReturnRefused(ReturnRefused.Reason.INSPECTION, "line " + inspection.position() + " is given twice");
                }
            }
            Set<Integer> expected = new HashSet<>(found.lines().stream().map(ReturnLine::position).toList());
            if (!expected.equals(byLine.keySet())) {
                throw new ReturnRefused(ReturnRefused.Reason.INSPECTION, "inspect every line of the return: " + expected);
            }
            OrderView order = orders.find(found.order()).orElseThrow();
            Instant now = Instant.now(clock);
            boolean anyAccepted = false;
            int acceptedUnits = 0;
            for (ReturnLine line : found.lines()) {
                Inspection inspection = byLine.get(line.position());
                String note = optionalText(inspection.note(), "note");
                if (inspection.accepted() && inspection.condition() == null) {
                    throw new ReturnRefused(ReturnRefused.Reason.INSPECTION, "line " + line.position() + ": give the grade of the accepted item");
                }
                if (!inspection.accepted() && note == null) {
                    throw new ReturnRefused(ReturnRefused.Reason.INSPECTION, "line " + line.position() + ": say why it is refused");
                }
                store.inspect(id, new Inspection(line.position(), inspection.accepted(),
                        inspection.accepted() ? inspection.condition() : null, note));
                if (inspection.accepted()) {
                    anyAccepted = true;
                    acceptedUnits += line.quantity();
                    boolean soldSecondHand = order.lines().get(line.position() - 1).secondHand();
                    if (inspection.condition() == Condition.NEW_WITH_TAGS || soldSecondHand) {
                        inventory.restock(line.sku(), line.quantity(), "return:" + found.number());
                    } else {
                        store.queueRelist(id, line, inspection.condition(), now);
                    }
                }
            }
            LocalDate today = now.atZone(WithdrawalPeriod.SHOP_ZONE).toLocalDate();
            store.inspected(id, anyAccepted ? ReturnStatus.INSPECTED : ReturnStatus.CLOSED, now, staff,
                    today.plusDays(WithdrawalPeriod.REFUND_DAYS));
            if (anyAccepted) {
                events.publishEvent(new ReturnAccepted(id, found.order(), found.kind(), acceptedUnits, now));
            }
        });
        return store.find(id, false).orElseThrow();
    }

    /** A returned item was put back on sale as second-hand. */
    public boolean markRelisted(UUID relistItem) {
        return Boolean.TRUE.equals(transaction.execute(status -> store.relisted(relistItem, Instant.now(clock))));
    }

    // Refund

    /**
     * What the refund of a return comes to.
     *
     * @param lines    per order line position, what its accepted units were paid
     * @param delivery the delivery refunded (standard price at most), zero unless a whole withdrawal
     */
    public record RefundAmount(Map<Integer, Money> lines, Money delivery, Money total) {
    }

    /** What refunding the return would pay back now. */
    public RefundAmount amount(UUID id) {
        return transaction.execute(status -> {
            CustomerReturn found = store.find(id, false).orElseThrow(() -> new NotFound("no return " + id));
            return amount(found, orders.find(found.order()).orElseThrow());
        });
    }

    private RefundAmount amount(CustomerReturn found, OrderView order) {
        Map<Integer, ReturnStore.Refunded> earlier = store.refundedLines(order.number());
        java.util.Currency currency = java.util.Currency.getInstance(order.currency());
        Map<Integer, Money> lines = new LinkedHashMap<>();
        Money total = Money.zero(currency);
        for (ReturnLine line : found.lines()) {
            if (!line.accepted()) {
                continue;
            }
            NewOrder.Line ordered = order.lines().get(line.position() - 1);
            ReturnStore.Refunded before = line.refunded() != null ? new ReturnStore.Refunded(0, BigDecimal.ZERO)
                    : earlier.getOrDefault(line.position(), new ReturnStore.Refunded(0, BigDecimal.ZERO));
            if (line.refunded() == null && before.units() + line.quantity() > ordered.quantity()) {
                throw new ReturnRefused(ReturnRefused.Reason.ALREADY_REFUNDED, "line " + line.position() + " ("
                        + line.sku() + ") of order " + order.number() + " was refunded already");
            }
            Money paid = ordered.total();
            Money share = before.units() + line.quantity() == ordered.quantity()
                    ? paid.minus(Money.of(before.amount(), currency))
                    : Money.of(paid.amount().multiply(BigDecimal.valueOf(line.quantity()))
                            .divide(BigDecimal.valueOf(ordered.quantity()), currency.getDefaultFractionDigits(), RoundingMode.DOWN),
                            currency);
            lines.put(line.position(), share);
            total = total.plus(share);
        }
        Money delivery = Money.zero(currency);
        if (found.kind() == ReturnKind.WITHDRAWAL && found.wholeOrder() && found.lines().stream().allMatch(ReturnLine::accepted)) {
            Money standard = order.delivery().standardPrice() == null ? order.totals().delivery() : order.delivery().standardPrice();
            delivery = standard.min(order.totals().delivery());
        }
        return new RefundAmount(Map.copyOf(lines), delivery, total.plus(delivery));
    }

    /** The refund of a return and its credit note, as it stands. */
    public record RefundOutcome(CustomerReturn customerReturn, List<Refund> refunds, boolean madeNow) {

        public boolean failed() {
            return customerReturn.status() != ReturnStatus.REFUNDED;
        }
    }

    /**
     * Refunds the accepted lines of an inspected return to the order's original payment, then issues the
     * credit note. Idempotent: a refunded return answers its refund again, and nothing more is paid.
     *
     * @throws ReturnRefused when the return is not inspected or accepted nothing ({@code NOT_READY}), a line
     *                       was refunded already ({@code ALREADY_REFUNDED}), or the amount is more than what
     *                       was paid and not refunded yet ({@code EXCEEDS_PAID}); nothing changes then
     */
    public RefundOutcome refund(UUID id) {
        Instant now = Instant.now(clock);
        Plan plan = transaction.execute(status -> {
            CustomerReturn found = store.find(id, true).orElseThrow(() -> new NotFound("no return " + id));
            if (found.status() == ReturnStatus.REFUNDED) {
                return null;
            }
            if (found.status() == ReturnStatus.REQUESTED) {
                throw new ReturnRefused(ReturnRefused.Reason.NOT_READY, "return " + found.number() + " must be received and inspected first");
            }
            if (found.status() == ReturnStatus.CLOSED) {
                throw new ReturnRefused(ReturnRefused.Reason.NOT_READY, "nothing of return " + found.number() + " was accepted");
            }
            store.lockOrder(found.order());
            OrderView order = orders.find(found.order()).orElseThrow();
            RefundAmount amount = amount(found, order);
            Money alreadyForThis = refundedFor(id, order);
            Money due = amount.total().minus(alreadyForThis);
            Money refundable = refundable(order);
            if (due.isGreaterThan(refundable)) {
                throw new ReturnRefused(ReturnRefused.Reason.EXCEEDS_PAID, "a refund of " + due + " is more than the "
                        + refundable + " paid for order " + order.number() + " and not refunded yet");
            }
            int attempt = found.status() == ReturnStatus.REFUNDING ? attempt(id) : attempt(id) + 1;
            store.startRefund(id, attempt, amount.total().amount(), amount.delivery().amount());
            return new Plan(found, order, amount, due, attempt);
        });
        if (plan == null) {
            CustomerReturn done = store.find(id, false).orElseThrow();
            return new RefundOutcome(done, refundsOf(done), false);
        }
        List<Refund> made = new ArrayList<>();
        String failure = null;
        Money left = plan.due();
        for (PaymentView payment : payments.forReference(plan.order().number().value())) {
            if (!left.isPositive()) {
                break;
            }
            Money open = openOn(payment, payments.refunds(plan.order().number().value()));
            if (!open.isPositive()) {
                continue;
            }
            Money part = left.min(open);
            try {
                Refund refund = payments.refund(payment.id(), part,
                        "return:" + id + ":" + plan.attempt() + ":" + payment.id());
                made.add(refund);
                transaction.executeWithoutResult(status -> store.recordRefund(id, refund.id(), payment.id().toString(),
                        refund.amount().amount(), refund.status(), refund.at()));
                if (refund.failed()) {
                    failure = refund.failure() == null ? "refused by the payment provider" : refund.failure();
                    break;
                }
                left = left.minus(part);
            } catch (IllegalArgumentException | IllegalStateException e) {
                failure = e.getMessage();
                break;
            }
        }
        if (failure == null && left.isPositive()) {
            failure = "no captured payment left to refund " + left;
        }
        if (failure != null) {
            String why = failure;
            log.warn("Refund of return {} failed: {}", plan.found().number(), why);
            transaction.executeWithoutResult(status -> store.refundFailed(id, why));
            return new RefundOutcome(store.find(id, false).orElseThrow(), made, true);
        }
        transaction.executeWithoutResult(status -> {
            Map<Integer, BigDecimal> amounts = new HashMap<>();
            plan.amount().lines().forEach((position, money) -> amounts.put(position, money.amount()));
            store.refunded(id, now, amounts);
            events.publishEvent(new ReturnRefunded(id, plan.order().number(), plan.amount().total(), now));
            events.publishEvent(new io.boucle.order.OrderUnitsReturned(plan.order().number(),
                    store.refundedLines(plan.order().number()).values().stream().mapToInt(ReturnStore.Refunded::units).sum(), now));
        });
        creditNote(id);
        CustomerReturn done = store.find(id, false).orElseThrow();
        transaction.executeWithoutResult(status -> mails.refunded(plan.order(), done));
        return new RefundOutcome(done, made, true);
    }

    private record Plan(CustomerReturn found, OrderView order, RefundAmount amount, Money due, int attempt) {
    }

    private int attempt(UUID id) {
        return store.refundAttempt(id);
    }

    /** What this return's earlier attempts did refund (a failed attempt may have refunded one of two payments). */
    private Money refundedFor(UUID id, OrderView order) {
        return Money.of(store.succeededRefunds(id), java.util.Currency.getInstance(order.currency()));
    }

    /** What was captured on the order and is neither refunded nor being refunded. */
    private Money refundable(OrderView order) {
        List<Refund> refunds = payments.refunds(order.number().value());
        return payments.forReference(order.number().value()).stream().map(payment -> openOn(payment, refunds))
                .reduce(Money.zero(java.util.Currency.getInstance(order.currency())), Money::plus);
    }

    private static Money openOn(PaymentView payment, List<Refund> refunds) {
        if (!payment.status().wasCaptured()) {
            return Money.zero(payment.amount().currency());
        }
        Money committed = refunds.stream().filter(refund -> refund.paymentId().equals(payment.id()) && !refund.failed())
                .map(Refund::amount).reduce(Money.zero(payment.amount().currency()), Money::plus);
        return payment.amount().minus(committed).max(Money.zero(payment.amount().currency()));
    }

    private List<Refund> refundsOf(CustomerReturn done) {
        Set<UUID> ours = new HashSet<>(store.refundIds(done.id()));
        return payments.refunds(done.order().value()).stream().filter(refund -> ours.contains(refund.id())).toList();
    }

    // Credit note

    /**
     * Issues the credit note of a refunded return, citing the order's invoice, for exactly what the refund
     * repaid: the accepted units of each line (at what the invoice charged them; the last units of a line take
     * all that remains of it) and the delivery refunded, as an amount of the invoice's delivery line. Each
     * refunded return gets its own credit note, and invoicing never lets an invoice be credited beyond what it
     * charged. Recorded on the return; a credit note that cannot be issued yet (no invoice) is tried again by the
     * job.
     */
    void creditNote(UUID id) {
        CustomerReturn found = store.find(id, false).orElseThrow();
        if (found.status() != ReturnStatus.REFUNDED || found.creditNote() != null) {
            return;
        }
        try {
            // Not in a transaction of ours: a refusal of invoicing would mark it for rollback.
            issueCreditNote(found);
        } catch (RuntimeException e) {
            log.warn("Credit note of return {} not issued: {}", found.number(), e.getMessage());
            transaction.executeWithoutResult(status -> store.creditNote(id, null,
                    e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void issueCreditNote(CustomerReturn found) {
        OrderView order = orders.find(found.order()).orElseThrow();
        Invoice invoice = invoicing.documentsOf(order.number().value()).stream().filter(document -> !document.isCreditNote())
                .findFirst().orElseThrow(() -> new IllegalStateException("order " + order.number() + " has no invoice yet"));
        List<CreditNoteRequest.LineCredit> credits = credits(found, order, invoice);
        if (credits.isEmpty()) {
            transaction.executeWithoutResult(status -> store.creditNote(found.id(), null, "nothing creditable"));
            return;
        }
        String reason = (found.kind() == ReturnKind.WITHDRAWAL ? "Rétractation du client" : "Défaut de conformité")
                + " — retour " + found.number();
        Invoice note;
        try {
            // Each call of invoicing runs in a transaction of its own.
            note = invoicing.issueCreditNote(new CreditNoteRequest(invoice.number(), credits, reason));
        } catch (CreditNoteRefused e) {
            // Credited meanwhile (a refund of the whole order is credited by invoicing itself): find that note.
            List<Integer> lines = credits.stream().map(CreditNoteRequest.LineCredit::line).toList();
            note = invoicing.documentsOf(order.number().value()).stream().filter(Invoice::isCreditNote)
                    .filter(document -> document.lines().stream().map(Invoice.Line::creditedLine).flatMap(Optional::stream)
                            .toList().containsAll(lines))
                    .reduce((first, second) -> second).orElseThrow(() -> e);
        }
        String issued = note.number().value();
        transaction.executeWithoutResult(status -> store.creditNote(found.id(), issued, null));
    }

    /**
     * What the credit note of a refunded return credits of the invoice: per accepted line, its units, or the
     * amount refunded when the invoice charged the order line as one unit (a discount that does not divide into
     * cents per unit); the delivery refunded shared over the delivery lines (one per VAT rate) by their amounts.
     */
    private List<CreditNoteRequest.LineCredit> credits(CustomerReturn found, OrderView order, Invoice invoice) {
        Map<Integer, ReturnStore.Refunded> refunded = store.refundedLines(order.number());
        Set<String> skus = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        order.lines().forEach(line -> {
            if (!skus.add(line.sku())) {
                repeated.add(line.sku());
            }
        });
        List<CreditNoteRequest.LineCredit> credits = new ArrayList<>();
        for (ReturnLine line : found.lines()) {
            if (!line.accepted()) {
                continue;
            }
            NewOrder.Line ordered = order.lines().get(line.position() - 1);
            String reference = repeated.contains(ordered.sku()) ? ordered.sku() + "/" + line.position() : ordered.sku();
            Invoice.Line invoiced = invoice.lines().stream()
                    .filter(invoiceLine -> invoiceLine.itemReference().filter(reference::equals).isPresent()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("invoice " + invoice.number() + " has no line " + reference));
            boolean lastUnits = refunded.getOrDefault(line.position(), new ReturnStore.Refunded(0, BigDecimal.ZERO)).units()
                    >= ordered.quantity();
            if (invoiced.quantity() == ordered.quantity()) {
                credits.add(CreditNoteRequest.LineCredit.units(invoiced.number(), line.quantity()));
            } else if (lastUnits) {
                credits.add(CreditNoteRequest.LineCredit.all(invoiced.number()));
            } else if (line.refunded() != null && line.refunded().isPositive()) {
                credits.add(CreditNoteRequest.LineCredit.amount(invoiced.number(), line.refunded()));
            }
        }
        Money delivery = found.deliveryRefund();
        List<Invoice.Line> deliveryLines = invoice.lines().stream().filter(line -> line.kind() == Invoice.LineKind.DELIVERY)
                .toList();
        if (delivery != null && delivery.isPositive() && !deliveryLines.isEmpty()) {
            if (delivery.compareTo(order.totals().delivery()) >= 0) {
                deliveryLines.forEach(line -> credits.add(CreditNoteRequest.LineCredit.all(line.number())));
            } else {
                List<Money> parts = delivery.allocate(deliveryLines.stream().map(line -> line.totalInclVat().amount()).toList());
                for (int i = 0; i < deliveryLines.size(); i++) {
                    if (parts.get(i).isPositive()) {
                        credits.add(CreditNoteRequest.LineCredit.amount(deliveryLines.get(i).number(), parts.get(i)));
                    }
                }
            }
        }
        return credits;
    }

    // The deadline watch

    /**
     * Raises a staff alert (once) for each return whose refund was due before today and is not made, and
     * tries again the credit notes that could not be issued. Returns how many alerts were raised.
     */
    public int watchDeadlines() {
        Instant now = Instant.now(clock);
        LocalDate today = now.atZone(WithdrawalPeriod.SHOP_ZONE).toLocalDate();
        int raised = 0;
        for (UUID id : store.refundsOverdue(today, 500)) {
            CustomerReturn late = store.find(id, false).orElseThrow();
            boolean added = Boolean.TRUE.equals(transaction.execute(status -> {
                boolean inserted = store.raiseAlert(id, OVERDUE, "refund of return " + late.number() + " (order "
                        + late.order() + ") was due by " + late.refundDueBy(), now);
                if (inserted) {
                    events.publishEvent(new RefundOverdue(id, late.order(), late.refundDueBy()));
                }
                return inserted;
            }));
            if (added) {
                log.warn("Refund of return {} (order {}) was due by {} and is not made", late.number(), late.order(),
                        late.refundDueBy());
                raised++;
            }
        }
        store.creditNotesOwed(100).forEach(this::creditNote);
        return raised;
    }

    public List<StaffAlert> alerts() {
        return store.openAlerts(200);
    }

    private static String optionalText(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > MAX_TEXT) {
            throw new InvalidField(field, "at most " + MAX_TEXT + " characters");
        }
        return stripped;
    }
}
