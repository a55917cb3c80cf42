package io.boucle.analytics;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.SellableVariant;
import io.boucle.order.NewOrder;
import io.boucle.order.OrderPaid;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.payment.PaymentCaptured;
import io.boucle.payment.PaymentFailed;
import io.boucle.payment.PaymentRefunded;
import io.boucle.payment.PaymentView;
import io.boucle.payment.Payments;
import io.boucle.returns.ReturnAccepted;
import io.boucle.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read models of sales fed by the other modules' events: one row per paid order (with its
 * lines, its customer as a hash of the email address, and the channels of its first and last
 * touch), one per customer, one per payment attempt with an outcome, refunds on the orders, and
 * one per accepted return.
 * Every listener is idempotent: an event delivered twice changes nothing more.
 */
@Component
class Facts {

    /** A paid order as the analytics keep it. Amounts in EUR, incl. VAT unless said. */
    record OrderRecord(String number, Instant paidAt, String customerKey, UUID sessionId, String firstChannel,
                       String lastChannel, BigDecimal total, BigDecimal vat, BigDecimal secondHandTotal,
                       BigDecimal secondHandMargin, List<LineRecord> lines) {
    }

    record LineRecord(String productSlug, String title, int quantity, BigDecimal total, boolean secondHand) {
    }

    private final JdbcClient jdbc;
    private final Orders orders;
    private final Payments payments;
    private final Catalog catalog;

    Facts(JdbcClient jdbc, Orders orders, Payments payments, Catalog catalog) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.payments = payments;
        this.catalog = catalog;
    }

    @ApplicationModuleListener
    void on(OrderPaid event) {
        orders.find(event.number()).ifPresent(order -> recordOrder(toRecord(order, event.paidAt())));
    }

    @ApplicationModuleListener
    void on(PaymentCaptured event) {
        payments.find(event.paymentId()).ifPresent(payment -> recordPayment(payment.id().toString(), payment.createdAt(),
                payment.method(), true, null, payment.challenged()));
    }

    @ApplicationModuleListener
    void on(PaymentFailed event) {
        payments.find(event.paymentId()).ifPresent(payment -> recordPayment(payment.id().toString(), payment.createdAt(),
                payment.method(), false, event.declineCode(), payment.challenged()));
    }

    @ApplicationModuleListener
    void on(PaymentRefunded event) {
        // An order charged in another currency counts in euros, at its own rate.
        Money refunded = event.refundedTotal();
        if (!refunded.currency().equals(Money.EUR)) {
            Optional<io.boucle.shared.ExchangeRate> rate = orderNumber(event.reference()).flatMap(orders::find)
                    .map(OrderView::exchangeRate);
            if (rate.isEmpty()) {
                return;
            }
            refunded = rate.get().toEuros(refunded);
        }
        recordRefund(event.reference(), refunded.amount());
    }

    @ApplicationModuleListener
    void on(ReturnAccepted event) {
        recordReturn(event.returnId().toString(), event.order().value(), event.kind().name().toLowerCase(Locale.ROOT),
                event.units(), event.at());
    }

    private static Optional<io.boucle.order.OrderNumber> orderNumber(String reference) {
        try {
            return Optional.of(new io.boucle.order.OrderNumber(reference));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The facts are in euros: an order charged in another currency is converted at its own rate. */
    private static BigDecimal euros(OrderView order, Money amount) {
        return order.exchangeRate() == null ? amount.amount() : order.exchangeRate().toEuros(amount).amount();
    }

    OrderRecord toRecord(OrderView order, Instant paidAt) {
        Optional<Touch> touch = jdbc.sql("""
                SELECT session_id, first_channel, last_channel FROM analytics.order_touch WHERE order_number = :number
                """).param("number", order.number().value())
                .query((row, n) -> new Touch(row.getObject("session_id", UUID.class), row.getString("first_channel"),
                        row.getString("last_channel"))).optional();
        List<String> usedSkus = order.lines().stream().filter(NewOrder.Line::secondHand).map(NewOrder.Line::sku).toList();
        Map<String, SellableVariant> used = usedSkus.isEmpty() ? Map.of() : catalog.sellable(usedSkus);
        BigDecimal secondHandTotal = BigDecimal.ZERO;
        BigDecimal secondHandMargin = BigDecimal.ZERO;
        for (NewOrder.Line line : order.lines()) {
            if (line.secondHand()) {
                secondHandTotal = secondHandTotal.add(euros(order, line.total()));
                BigDecimal bought = Optional.ofNullable(used.get(line.sku())).flatMap(SellableVariant::marginSchemePurchasePrice)
                        .map(Money::amount).orElse(BigDecimal.ZERO);
                secondHandMargin = secondHandMargin.add(euros(order, line.total()).subtract(bought.multiply(BigDecimal.valueOf(line.quantity()))));
            }
        }
        List<LineRecord> lines = order.lines().stream().map(line -> new LineRecord(line.productSlug(), line.title(),
                line.quantity(), euros(order, line.total()), line.secondHand())).toList();
        return new OrderRecord(order.number().value(), paidAt, customerKey(order.email()),
                touch.map(Touch::sessionId).orElse(null), touch.map(Touch::first).orElse(Channel.UNKNOWN),
                touch.map(Touch::last).orElse(Channel.UNKNOWN), euros(order, order.totals().total()),
                euros(order, order.totals().totalVat()), secondHandTotal, secondHandMargin, lines);
    }

    private record Touch(UUID sessionId, String first, String last) {
    }

    /** Who bought, without keeping who: a SHA-256 of the email address in lower case. */
    static String customerKey(String email) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a paid order once; {@code false} when it was recorded before. */
    @Transactional
    boolean recordOrder(OrderRecord order) {
        LocalDate day = Days.of(order.paidAt());
        Timestamp paidAt = Timestamp.from(order.paidAt());
        BigDecimal excl = order.total().subtract(order.vat());
        int inserted = jdbc.sql("""
                INSERT INTO analytics.order_fact (order_number, paid_at, day, customer_key, new_customer, session_id,
                    first_channel, last_channel, total, vat, second_hand_total, second_hand_margin)
                SELECT :number, :paidAt, :day, :customer,
                       NOT EXISTS (SELECT 1 FROM analytics.order_fact o WHERE o.customer_key = :customer AND o.paid_at < :paidAt),
                       :session, :first, :last, :total, :vat, :shTotal, :shMargin
                ON CONFLICT (order_number) DO NOTHING
                """).param("number", order.number()).param("paidAt", paidAt).param("day", day)
                .param("customer", order.customerKey()).param("session", order.sessionId())
                .param("first", order.firstChannel()).param("last", order.lastChannel()).param("total", order.total())
                .param("vat", order.vat()).param("shTotal", order.secondHandTotal()).param("shMargin", order.secondHandMargin())
                .update();
        if (inserted == 0) {
            return false;
        }
        for (LineRecord line : order.lines()) {
            jdbc.sql("""
                    INSERT INTO analytics.order_line_fact (order_number, day, product_slug, title, quantity, total, second_hand)
                    VALUES (:number, :day, :slug, :title, :quantity, :total, :used)
                    """).param("number", order.number()).param("day", day).param("slug", line.productSlug())
                    .param("title", line.title()).param("quantity", line.quantity()).param("total", line.total())
                    .param("used", line.secondHand()).update();
        }
        // the customer's first day (before and after this order) has new figures in daily_customers
        jdbc.sql("SELECT first_day FROM analytics.customer_fact WHERE customer_key = :customer")
                .param("customer", order.customerKey()).query(LocalDate.class).optional().ifPresent(this::dirty);
        jdbc.sql("""
                INSERT INTO analytics.customer_fact AS c (customer_key, first_order_at, first_day, first_channel, orders, revenue_excl)
                VALUES (:customer, :paidAt, :day, :first, 1, :excl)
                ON CONFLICT (customer_key) DO UPDATE SET
                    orders = c.orders + 1,
                    revenue_excl = c.revenue_excl + EXCLUDED.revenue_excl,
                    first_channel = CASE WHEN EXCLUDED.first_order_at < c.first_order_at THEN EXCLUDED.first_channel ELSE c.first_channel END,
                    first_day = CASE WHEN EXCLUDED.first_order_at < c.first_order_at THEN EXCLUDED.first_day ELSE c.first_day END,
                    first_order_at = least(c.first_order_at, EXCLUDED.first_order_at)
                """).param("customer", order.customerKey()).param("paidAt", paidAt).param("day", day)
                .param("first", order.firstChannel()).param("excl", excl).update();
        // retention: the first order of this customer in this month counts them active in it
        jdbc.sql("""
                INSERT INTO analytics.cohort_activity AS a (cohort, month, customers)
                SELECT date_trunc('month', c.first_day)::date, date_trunc('month', CAST(:day AS date))::date, 1
                FROM analytics.customer_fact c
                WHERE c.customer_key = :customer
                  AND NOT EXISTS (SELECT 1 FROM analytics.order_fact o WHERE o.customer_key = :customer
                                  AND o.order_number <> :number
                                  AND date_trunc('month', o.day) = date_trunc('month', CAST(:day AS date)))
                ON CONFLICT (cohort, month) DO UPDATE SET customers = a.customers + 1
                """).param("day", day).param("customer", order.customerKey()).param("number", order.number()).update();
        dirty(day);
        return true;
    }

    @Transactional
    void recordPayment(String paymentId, Instant startedAt, String method, boolean captured, String declineCode,
            boolean challenged) {
        LocalDate day = Days.of(startedAt);
        jdbc.sql("""
                INSERT INTO analytics.payment_fact (payment_id, day, method, captured, decline_code, challenged)
                VALUES (:id, :day, :method, :captured, :decline, :challenged)
                ON CONFLICT (payment_id) DO UPDATE SET captured = EXCLUDED.captured, decline_code = EXCLUDED.decline_code,
                    challenged = EXCLUDED.challenged
                """).param("id", paymentId).param("day", day).param("method", method == null ? "unknown" : method)
                .param("captured", captured).param("decline", captured ? null : declineCode == null ? "unknown" : declineCode)
                .param("challenged", challenged).update();
        dirty(day);
    }

    /**
     * What has been refunded of an order so far (payments refunded, in part or in full); a reference
     * that is no recorded order (a gift card's, say) changes nothing.
     */
    @Transactional
    void recordRefund(String orderNumber, BigDecimal refundedTotal) {
        jdbc.sql("UPDATE analytics.order_fact SET refunded = greatest(refunded, :refunded) WHERE order_number = :number RETURNING day")
                .param("refunded", refundedTotal).param("number", orderNumber).query(LocalDate.class).optional()
                .ifPresent(this::dirty);
    }

    /**
     * An accepted return (withdrawal or defect) of an order, once: its order's day of payment is
     * recomputed, since the return rate counts returned orders by the day they were paid.
     */
    @Transactional
    boolean recordReturn(String returnId, String orderNumber, String kind, int units, Instant acceptedAt) {
        int inserted = jdbc.sql("""
                INSERT INTO analytics.return_fact (return_id, order_number, day, kind, units)
                VALUES (:id, :number, :day, :kind, :units) ON CONFLICT (return_id) DO NOTHING
                """).param("id", returnId).param("number", orderNumber).param("day", Days.of(acceptedAt))
                .param("kind", kind).param("units", units).update();
        if (inserted == 0) {
            return false;
        }
        jdbc.sql("SELECT day FROM analytics.order_fact WHERE order_number = :number").param("number", orderNumber)
                .query(LocalDate.class).optional().ifPresent(this::dirty);
        return true;
    }

    private void dirty(LocalDate day) {
        jdbc.sql("INSERT INTO analytics.dirty_day (day) VALUES (:day) ON CONFLICT DO NOTHING").param("day", day).update();
    }
}
