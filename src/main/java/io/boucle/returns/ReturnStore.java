package io.boucle.returns;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.catalog.Condition;
import io.boucle.order.OrderNumber;
import io.boucle.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The returns schema, in plain SQL. */
@Repository
class ReturnStore {

    private final JdbcClient jdbc;

    ReturnStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Receipt

    /** Records when the order was received; the first announcement counts, a redelivered one changes nothing. */
    boolean recordDelivery(OrderNumber order, Instant deliveredAt, Instant now) {
        return jdbc.sql("""
                INSERT INTO returns.delivered_order (order_number, delivered_at, recorded_at) VALUES (:order, :at, :now)
                ON CONFLICT (order_number) DO NOTHING
                """)
                .param("order", order.value()).param("at", Timestamp.from(deliveredAt)).param("now", Timestamp.from(now))
                .update() > 0;
    }

    Optional<Instant> deliveredAt(OrderNumber order) {
        return jdbc.sql("SELECT delivered_at FROM returns.delivered_order WHERE order_number = :order")
                .param("order", order.value()).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    // The withdrawal information

    Optional<WithdrawalInformation> withdrawalInformation(OrderNumber order) {
        return jdbc.sql("SELECT * FROM returns.withdrawal_information WHERE order_number = :order")
                .param("order", order.value())
                .query((row, n) -> new WithdrawalInformation(order, row.getBoolean("given"), date(row, "given_on"),
                        row.getString("source"), row.getString("note"), row.getTimestamp("recorded_at").toInstant(),
                        row.getString("recorded_by")))
                .optional();
    }

    /** Given with the order's acknowledgment; a record already there (the staff's) is kept. */
    boolean informationAcknowledged(OrderNumber order, LocalDate givenOn, Instant now) {
        return jdbc.sql("""
                INSERT INTO returns.withdrawal_information (order_number, given, given_on, source, recorded_at)
                VALUES (:order, TRUE, :on, 'ORDER_ACKNOWLEDGMENT', :now)
                ON CONFLICT (order_number) DO NOTHING
                """)
                .param("order", order.value()).param("on", givenOn).param("now", Timestamp.from(now)).update() > 0;
    }

    void recordInformation(OrderNumber order, boolean given, LocalDate givenOn, String note, Instant now, String by) {
        jdbc.sql("""
                INSERT INTO returns.withdrawal_information (order_number, given, given_on, source, note, recorded_at, recorded_by)
                VALUES (:order, :given, :on, 'STAFF', :note, :now, :by)
                ON CONFLICT (order_number) DO UPDATE SET given = EXCLUDED.given, given_on = EXCLUDED.given_on,
                    source = EXCLUDED.source, note = EXCLUDED.note, recorded_at = EXCLUDED.recorded_at,
                    recorded_by = EXCLUDED.recorded_by
                """)
                .param("order", order.value()).param("given", given).param("on", givenOn).param("note", note)
                .param("now", Timestamp.from(now)).param("by", by).update();
    }

    /** Serialises the returns of one order (a transaction-scoped advisory lock on its number). */
    void lockOrder(OrderNumber order) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('returns:' || :order))").param("order", order.value())
                .query((row, n) -> 1).single();
    }

    // Returns

    record NewReturn(UUID id, OrderNumber order, ReturnKind kind, String channel, String reason, String idempotencyKey,
                     Instant requestedAt, boolean wholeOrder, LocalDate withdrawalDeadline, LocalDate refundDueBy,
                     String currency, List<ReturnLine> lines) {
    }

    String insert(NewReturn r) {
        long sequence = jdbc.sql("SELECT nextval('returns.return_number')").query(Long.class).single();
        String number = "R%s-%06d".formatted(r.requestedAt().atZone(WithdrawalPeriod.SHOP_ZONE).getYear(), sequence);
        jdbc.sql("""
                INSERT INTO returns.customer_return (id, number, order_number, kind, status, channel, reason, idempotency_key,
                    requested_at, whole_order, withdrawal_deadline, refund_due_by, currency)
                VALUES (:id, :number, :order, :kind, 'REQUESTED', :channel, :reason, :key, :at, :whole, :deadline, :due, :currency)
                """)
                .param("id", r.id()).param("number", number).param("order", r.order().value()).param("kind", r.kind().name())
                .param("channel", r.channel()).param("reason", r.reason()).param("key", r.idempotencyKey())
                .param("at", Timestamp.from(r.requestedAt())).param("whole", r.wholeOrder())
                .param("deadline", r.withdrawalDeadline()).param("due", r.refundDueBy()).param("currency", r.currency())
                .update();
        for (ReturnLine line : r.lines()) {
            jdbc.sql("""
                    INSERT INTO returns.return_line (return_id, position, sku, title, quantity)
                    VALUES (:id, :position, :sku, :title, :quantity)
                    """)
                    .param("id", r.id()).param("position", line.position()).param("sku", line.sku())
                    .param("title", line.title()).param("quantity", line.quantity()).update();
        }
        return number;
    }

    Optional<CustomerReturn> find(UUID id, boolean lock) {
        return jdbc.sql("SELECT * FROM returns.customer_return WHERE id = :id" + (lock ? " FOR UPDATE" : ""))
                .param("id", id).query(this::header).optional().map(this::withLines);
    }

    Optional<CustomerReturn> findByNumber(String number) {
        return jdbc.sql("SELECT * FROM returns.customer_return WHERE number = :number")
                .param("number", number).query(this::header).optional().map(this::withLines);
    }

    Optional<CustomerReturn> findByKey(OrderNumber order, String key) {
        return jdbc.sql("SELECT * FROM returns.customer_return WHERE order_number = :order AND idempotency_key = :key")
                .param("order", order.value()).param("key", key).query(this::header).optional().map(this::withLines);
    }

    List<CustomerReturn> forOrders(Collection<String> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM returns.customer_return WHERE order_number IN (:orders) ORDER BY requested_at, number")
                .param("orders", List.copyOf(orders)).query(this::header).list().stream().map(this::withLines).toList();
    }

    List<CustomerReturn> withStatus(List<ReturnStatus> statuses, int limit) {
        return jdbc.sql("""
                SELECT * FROM returns.customer_return WHERE status IN (:statuses)
                ORDER BY refund_due_by NULLS LAST, requested_at LIMIT :limit
                """)
                .param("statuses", statuses.stream().map(Enum::name).toList()).param("limit", limit)
                .query(this::header).list().stream().map(this::withLines).toList();
    }

    List<CustomerReturn> recent(int limit) {
        return jdbc.sql("SELECT * FROM returns.customer_return ORDER BY requested_at DESC LIMIT :limit")
                .param("limit", limit).query(this::header).list().stream().map(this::withLines).toList();
    }

    /** Returns not refunded whose refund was due before {@code today}. */
    List<UUID> refundsOverdue(LocalDate today, int limit) {
        return jdbc.sql("""
                SELECT r.id FROM returns.customer_return r
                WHERE r.status IN ('REQUESTED', 'INSPECTED', 'REFUNDING') AND r.refund_due_by < :today
                  AND NOT EXISTS (SELECT 1 FROM returns.staff_alert a WHERE a.return_id = r.id AND a.kind = 'REFUND_OVERDUE')
                ORDER BY r.refund_due_by LIMIT :limit
                """).param("today", today).param("limit", limit).query(UUID.class).list();
    }

    /** Refunded returns whose credit note could not be issued yet. */
    List<UUID> creditNotesOwed(int limit) {
        return jdbc.sql("""
                SELECT id FROM returns.customer_return WHERE status = 'REFUNDED' AND credit_note IS NULL
                  AND credit_note_problem IS NOT NULL ORDER BY refunded_at LIMIT :limit
                """).param("limit", limit).query(UUID.class).list();
    }

    /** Units of each order line (by position) in returns, refused ones excepted. */
    Map<Integer, Integer> unitsInReturns(OrderNumber order) {
        Map<Integer, Integer> units = new HashMap<>();
        jdbc.sql("""
                SELECT l.position, sum(l.quantity) AS units FROM returns.return_line l
                JOIN returns.customer_return r ON r.id = l.return_id
                WHERE r.order_number = :order AND l.outcome IS DISTINCT FROM 'REFUSED'
                GROUP BY l.position
                """).param("order", order.value())
                .query((row, n) -> units.put(row.getInt("position"), row.getInt("units"))).list();
        return units;
    }

    /** Units and amounts of each order line (by position) already refunded. */
    Map<Integer, Refunded> refundedLines(OrderNumber order) {
        Map<Integer, Refunded> refunded = new HashMap<>();
        jdbc.sql("""
                SELECT l.position, sum(l.quantity) AS units, sum(l.refunded_amount) AS amount FROM returns.return_line l
                JOIN returns.customer_return r ON r.id = l.return_id
                WHERE r.order_number = :order AND l.refunded_amount IS NOT NULL
                GROUP BY l.position
                """).param("order", order.value())
                .query((row, n) -> refunded.put(row.getInt("position"), new Refunded(row.getInt("units"),
                        row.getBigDecimal("amount")))).list();
        return refunded;
    }

    record Refunded(int units, BigDecimal amount) {
    }

    void inspect(UUID id, Inspection inspection) {
        jdbc.sql("""
                UPDATE returns.return_line SET outcome = :outcome, condition = :condition, note = :note
                WHERE return_id = :id AND position = :position
                """)
                .param("outcome", inspection.accepted() ? "ACCEPTED" : "REFUSED")
                .param("condition", inspection.condition() == null ? null : inspection.condition().name())
                .param("note", inspection.note()).param("id", id).param("position", inspection.position()).update();
    }

    void inspected(UUID id, ReturnStatus status, Instant at, String by, LocalDate refundDueBy) {
        jdbc.sql("""
                UPDATE returns.customer_return SET status = :status, inspected_at = :at, inspected_by = :by,
                    refund_due_by = coalesce(refund_due_by, :due)
                WHERE id = :id
                """)
                .param("status", status.name()).param("at", Timestamp.from(at)).param("by", by).param("due", refundDueBy)
                .param("id", id).update();
    }

    void startRefund(UUID id, int attempt, BigDecimal amount, BigDecimal delivery) {
        jdbc.sql("""
                UPDATE returns.customer_return SET status = 'REFUNDING', refund_attempt = :attempt, refund_amount = :amount,
                    delivery_refund = :delivery, refund_failure = NULL
                WHERE id = :id
                """)
                .param("attempt", attempt).param("amount", amount).param("delivery", delivery).param("id", id).update();
    }

    void refundFailed(UUID id, String failure) {
        jdbc.sql("""
                UPDATE returns.customer_return SET status = 'INSPECTED', refund_failure = :failure,
                    refund_amount = NULL, delivery_refund = NULL
                WHERE id = :id AND status = 'REFUNDING'
                """).param("failure", failure).param("id", id).update();
    }

    void refunded(UUID id, Instant at, Map<Integer, BigDecimal> lineAmounts) {
        jdbc.sql("UPDATE returns.customer_return SET status = 'REFUNDED', refunded_at = :at WHERE id = :id")
                .param("at", Timestamp.from(at)).param("id", id).update();
        lineAmounts.forEach((position, amount) -> jdbc.sql("""
                UPDATE returns.return_line SET refunded_amount = :amount WHERE return_id = :id AND position = :position
                """).param("amount", amount).param("id", id).param("position", position).update());
        jdbc.sql("UPDATE returns.staff_alert SET closed_at = :at WHERE return_id = :id AND closed_at IS NULL")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    void recordRefund(UUID id, UUID refundId, String paymentId, BigDecimal amount, String status, Instant at) {
        jdbc.sql("""
                INSERT INTO returns.return_refund (return_id, refund_id, payment_id, amount, status, at)
                VALUES (:id, :refund, :payment, :amount, :status, :at)
                ON CONFLICT (return_id, refund_id) DO UPDATE SET status = EXCLUDED.status, at = EXCLUDED.at
                """)
                .param("id", id).param("refund", refundId).param("payment", paymentId).param("amount", amount)
                .param("status", status).param("at", Timestamp.from(at)).update();
    }

    void creditNote(UUID id, String number, String problem) {
        jdbc.sql("UPDATE returns.customer_return SET credit_note = :number, credit_note_problem = :problem WHERE id = :id")
                .param("number", number).param("problem", problem).param("id", id).update();
    }

    int refundAttempt(UUID id) {
        return jdbc.sql("SELECT refund_attempt FROM returns.customer_return WHERE id = :id").param("id", id)
                .query(Integer.class).single();
    }

    BigDecimal succeededRefunds(UUID id) {
        return jdbc.sql("SELECT coalesce(sum(amount), 0) FROM returns.return_refund WHERE return_id = :id AND status = 'SUCCEEDED'")
                .param("id", id).query(BigDecimal.class).single();
    }

    List<UUID> refundIds(UUID id) {
        return jdbc.sql("SELECT refund_id FROM returns.return_refund WHERE return_id = :id").param("id", id)
                .query(UUID.class).list();
    }

    // Relisting and alerts

    void queueRelist(UUID returnId, ReturnLine line, Condition condition, Instant now) {
        jdbc.sql("""
                INSERT INTO returns.relist_item (id, return_id, position, sku, title, quantity, condition, created_at)
                VALUES (:id, :return, :position, :sku, :title, :quantity, :condition, :now)
                ON CONFLICT (return_id, position) DO NOTHING
                """)
                .param("id", UUID.randomUUID()).param("return", returnId).param("position", line.position())
                .param("sku", line.sku()).param("title", line.title()).param("quantity", line.quantity())
                .param("condition", condition.name()).param("now", Timestamp.from(now)).update();
    }

    List<RelistItem> toRelist(int limit) {
        return jdbc.sql("""
                SELECT i.*, r.number FROM returns.relist_item i JOIN returns.customer_return r ON r.id = i.return_id
                WHERE i.relisted_at IS NULL ORDER BY i.created_at LIMIT :limit
                """).param("limit", limit)
                .query((row, n) -> new RelistItem(row.getObject("id", UUID.class), row.getObject("return_id", UUID.class),
                        row.getString("number"), row.getString("sku"), row.getString("title"), row.getInt("quantity"),
                        Condition.valueOf(row.getString("condition")), row.getTimestamp("created_at").toInstant()))
                .list();
    }

    boolean relisted(UUID id, Instant at) {
        return jdbc.sql("UPDATE returns.relist_item SET relisted_at = :at WHERE id = :id AND relisted_at IS NULL")
                .param("at", Timestamp.from(at)).param("id", id).update() > 0;
    }

    boolean raiseAlert(UUID returnId, String kind, String message, Instant now) {
        return jdbc.sql("""
                INSERT INTO returns.staff_alert (id, return_id, kind, message, raised_at) VALUES (:id, :return, :kind, :message, :now)
                ON CONFLICT (return_id, kind) DO NOTHING
                """)
                .param("id", UUID.randomUUID()).param("return", returnId).param("kind", kind).param("message", message)
                .param("now", Timestamp.from(now)).update() > 0;
    }

    List<StaffAlert> openAlerts(int limit) {
        return jdbc.sql("""
                SELECT a.*, r.number, r.order_number, r.refund_due_by FROM returns.staff_alert a JOIN returns.customer_return r ON r.id = a.return_id
                WHERE a.closed_at IS NULL ORDER BY a.raised_at LIMIT :limit
                """).param("limit", limit)
                .query((row, n) -> new StaffAlert(row.getObject("id", UUID.class), row.getObject("return_id", UUID.class),
                        row.getString("number"), row.getString("order_number"), row.getString("kind"),
                        row.getString("message"), date(row, "refund_due_by"), row.getTimestamp("raised_at").toInstant()))
                .list();
    }

    // Mapping

    private CustomerReturn header(ResultSet row, int n) throws SQLException {
        String currency = row.getString("currency");
        return new CustomerReturn(row.getObject("id", UUID.class), row.getString("number"),
                new OrderNumber(row.getString("order_number")), ReturnKind.valueOf(row.getString("kind")),
                ReturnStatus.valueOf(row.getString("status")), row.getString("channel"), row.getString("reason"),
                row.getTimestamp("requested_at").toInstant(), row.getBoolean("whole_order"),
                date(row, "withdrawal_deadline"), date(row, "refund_due_by"), instant(row, "inspected_at"),
                row.getString("inspected_by"), money(row.getBigDecimal("refund_amount"), currency),
                money(row.getBigDecimal("delivery_refund"), currency), instant(row, "refunded_at"),
                row.getString("refund_failure"), row.getString("credit_note"), row.getString("credit_note_problem"),
                List.of());
    }

    private CustomerReturn withLines(CustomerReturn r) {
        String currency = r.refundAmount() != null ? r.refundAmount().currency().getCurrencyCode() : currencyOf(r.id());
        List<ReturnLine> lines = new ArrayList<>(jdbc.sql("SELECT * FROM returns.return_line WHERE return_id = :id ORDER BY position")
                .param("id", r.id())
                .query((row, n) -> new ReturnLine(row.getInt("position"), row.getString("sku"), row.getString("title"),
                        row.getInt("quantity"), row.getString("outcome") == null ? null
                                : ReturnLine.Outcome.valueOf(row.getString("outcome")),
                        row.getString("condition") == null ? null : Condition.valueOf(row.getString("condition")),
                        row.getString("note"), money(row.getBigDecimal("refunded_amount"), currency)))
                .list());
        return new CustomerReturn(r.id(), r.number(), r.order(), r.kind(), r.status(), r.channel(), r.reason(),
                r.requestedAt(), r.wholeOrder(), r.withdrawalDeadline(), r.refundDueBy(), r.inspectedAt(), r.inspectedBy(),
                r.refundAmount(), r.deliveryRefund(), r.refundedAt(), r.refundFailure(), r.creditNote(),
                r.creditNoteProblem(), List.copyOf(lines));
    }

    private String currencyOf(UUID id) {
        return jdbc.sql("SELECT currency FROM returns.customer_return WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    private static Money money(BigDecimal amount, String currency) {
        return amount == null ? null : Money.of(amount, java.util.Currency.getInstance(currency));
    }

    private static LocalDate date(ResultSet row, String column) throws SQLException {
        java.sql.Date date = row.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
