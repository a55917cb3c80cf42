package io.boucle.fulfilment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.boucle.order.OrderNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Fulfilment's tables: carriers, the paid orders' lines and parcels, and their history. */
@Repository
class FulfilmentStore {

    private final JdbcClient jdbc;

    FulfilmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Orders whose number, email or customer name holds the text (any order when there is none). */
    private static final String MATCHING = """
            AND (CAST(:like AS TEXT) IS NULL OR f.order_number ILIKE :like OR f.email ILIKE :like OR f.customer_name ILIKE :like)
            """;

    private static String like(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    List<Carrier> carriers() {
        return jdbc.sql("SELECT code, name, tracking_url_pattern FROM fulfilment.carrier ORDER BY position, code")
                .query((row, n) -> new Carrier(row.getString("code"), row.getString("name"), row.getString("tracking_url_pattern")))
                .list();
    }

    Optional<Carrier> carrier(String code) {
        return carriers().stream().filter(carrier -> carrier.code().equals(code)).findFirst();
    }

    record NewOrderRow(OrderNumber number, String email, Locale locale, String customerName, boolean clickAndCollect,
                       String pickupPoint, Instant paidAt, LocalDate promisedDate, String trackingToken,
                       List<OrderFulfilment.Line> lines) {
    }

    /** Inserts the order unless it is there already; true when inserted. */
    boolean insert(NewOrderRow order) {
        int inserted = jdbc.sql("""
                        INSERT INTO fulfilment.order_fulfilment (order_number, email, locale, customer_name, click_and_collect,
                                                                 pickup_point, paid_at, promised_date, tracking_token)
                        VALUES (:number, :email, :locale, :name, :cc, :pickup, :paidAt, :promised, :token)
                        ON CONFLICT (order_number) DO NOTHING
                        """)
                .param("number", order.number().value()).param("email", order.email())
                .param("locale", order.locale().toLanguageTag()).param("name", order.customerName())
                .param("cc", order.clickAndCollect()).param("pickup", order.pickupPoint())
                .param("paidAt", Timestamp.from(order.paidAt())).param("promised", order.promisedDate())
                .param("token", order.trackingToken())
                .update();
        if (inserted == 0) {
            return false;
        }
        for (OrderFulfilment.Line line : order.lines()) {
            jdbc.sql("""
                            INSERT INTO fulfilment.order_line (order_number, position, sku, title, quantity)
                            VALUES (:number, :position, :sku, :title, :quantity)
                            """)
                    .param("number", order.number().value()).param("position", line.position()).param("sku", line.sku())
                    .param("title", line.title()).param("quantity", line.quantity())
                    .update();
        }
        return true;
    }

    /** Locks the order's row: every change to an order's parcels goes one at a time. */
    boolean lock(OrderNumber number) {
        return jdbc.sql("SELECT order_number FROM fulfilment.order_fulfilment WHERE order_number = :n FOR UPDATE")
                .param("n", number.value()).query(String.class).optional().isPresent();
    }

    Optional<OrderFulfilment> find(OrderNumber number) {
        return jdbc.sql("SELECT * FROM fulfilment.order_fulfilment WHERE order_number = :n")
                .param("n", number.value()).query(this::header).optional().map(this::complete);
    }

    Optional<OrderFulfilment> findByTrackingToken(String token) {
        return jdbc.sql("SELECT * FROM fulfilment.order_fulfilment WHERE tracking_token = :t")
                .param("t", token).query(this::header).optional().map(this::complete);
    }

    /** Paid orders with units left to ship (home, relay and express), oldest promise first. */
    List<OrderFulfilment> toShip(String text, int limit) {
        return jdbc.sql("""
                        SELECT f.* FROM fulfilment.order_fulfilment f
                        WHERE f.cancelled_at IS NULL AND f.delivered_at IS NULL AND NOT f.click_and_collect
                          AND EXISTS (SELECT 1 FROM fulfilment.order_line l WHERE l.order_number = f.order_number AND l.shipped < l.quantity)
                        """ + MATCHING + """
                        ORDER BY f.promised_date, f.paid_at LIMIT :limit
                        """)
                .param("limit", limit).param("like", like(text)).query(this::header).list().stream().map(this::complete).toList();
    }

    /** Click & collect orders not collected yet, oldest first. */
    List<OrderFulfilment> clickAndCollect(String text, int limit) {
        return jdbc.sql("""
                        SELECT f.* FROM fulfilment.order_fulfilment f
                        WHERE f.cancelled_at IS NULL AND f.delivered_at IS NULL AND f.click_and_collect
                        """ + MATCHING + """
                        ORDER BY f.promised_date, f.paid_at LIMIT :limit
                        """)
                .param("limit", limit).param("like", like(text)).query(this::header).list().stream().map(this::complete).toList();
    }

    /** Orders past their promised date, neither delivered nor cancelled. */
    List<OrderFulfilment> late(LocalDate today, String text, int limit) {
        return jdbc.sql("""
                        SELECT f.* FROM fulfilment.order_fulfilment f
                        WHERE f.cancelled_at IS NULL AND f.delivered_at IS NULL AND f.promised_date < :today
                        """ + MATCHING + """
                        ORDER BY f.promised_date, f.paid_at LIMIT :limit
                        """)
                .param("today", today).param("limit", limit).param("like", like(text)).query(this::header).list().stream().map(this::complete).toList();
    }

    /** Late orders the watch has not flagged yet. */
    List<OrderNumber> lateUnflagged(LocalDate today, int limit) {
        return jdbc.sql("""
                        SELECT order_number FROM fulfilment.order_fulfilment
                        WHERE cancelled_at IS NULL AND delivered_at IS NULL AND late_flagged_at IS NULL AND promised_date < :today
                        ORDER BY promised_date LIMIT :limit
                        """)
                .param("today", today).param("limit", limit).query((row, n) -> new OrderNumber(row.getString(1))).list();
    }

    boolean flagLate(OrderNumber number, Instant at) {
        return jdbc.sql("UPDATE fulfilment.order_fulfilment SET late_flagged_at = :at WHERE order_number = :n AND late_flagged_at IS NULL")
                .param("at", Timestamp.from(at)).param("n", number.value()).update() == 1;
    }

    void addShipped(OrderNumber number, int position, int quantity) {
        jdbc.sql("UPDATE fulfilment.order_line SET shipped = shipped + :q WHERE order_number = :n AND position = :p")
                .param("q", quantity).param("n", number.value()).param("p", position).update();
    }

    void insertShipment(UUID id, OrderNumber number, String carrier, String tracking, Instant at, Map<Integer, Integer> quantities) {
        jdbc.sql("""
                        INSERT INTO fulfilment.shipment (id, order_number, carrier_code, tracking_number, status, shipped_at)
                        VALUES (:id, :n, :carrier, :tracking, 'SHIPPED', :at)
                        """)
                .param("id", id).param("n", number.value()).param("carrier", carrier).param("tracking", tracking)
                .param("at", Timestamp.from(at)).update();
        quantities.forEach((position, quantity) -> jdbc.sql(
                        "INSERT INTO fulfilment.shipment_line (shipment_id, position, quantity) VALUES (:id, :p, :q)")
                .param("id", id).param("p", position).param("q", quantity).update());
    }

    boolean trackingNumberTaken(String carrier, String tracking) {
        return jdbc.sql("SELECT count(*) FROM fulfilment.shipment WHERE carrier_code = :c AND tracking_number = :t")
                .param("c", carrier).param("t", tracking).query(Long.class).single() > 0;
    }

    /** Adds to the history; false when the carrier's event id was recorded before (a replay). */
    boolean addEvent(UUID shipment, ShipmentStatus status, Instant at, String source, String externalId, String detail,
            Instant recordedAt) {
        return jdbc.sql("""
                        INSERT INTO fulfilment.shipment_event (shipment_id, status, at, source, external_id, detail, recorded_at)
                        VALUES (:id, :status, :at, :source, :external, :detail, :recorded)
                        ON CONFLICT (shipment_id, external_id) DO NOTHING
                        """)
                .param("id", shipment).param("status", status.name()).param("at", Timestamp.from(at)).param("source", source)
                .param("external", externalId).param("detail", detail).param("recorded", Timestamp.from(recordedAt))
                .update() == 1;
    }

    void setStatus(UUID shipment, ShipmentStatus status, Instant deliveredAt) {
        jdbc.sql("UPDATE fulfilment.shipment SET status = :status, delivered_at = :delivered WHERE id = :id")
                .param("status", status.name()).param("delivered", deliveredAt == null ? null : Timestamp.from(deliveredAt))
                .param("id", shipment).update();
    }

    Optional<Shipment> shipment(UUID id) {
        return jdbc.sql("SELECT s.*, c.name, c.tracking_url_pattern FROM fulfilment.shipment s JOIN fulfilment.carrier c ON c.code = s.carrier_code WHERE s.id = :id")
                .param("id", id).query(ShipmentHeader::of).optional().map(header -> shipments(List.of(header)).getFirst());
    }

    Optional<Shipment> shipment(String carrier, String tracking) {
        return jdbc.sql("""
                        SELECT s.*, c.name, c.tracking_url_pattern FROM fulfilment.shipment s JOIN fulfilment.carrier c ON c.code = s.carrier_code
                        WHERE s.carrier_code = :c AND s.tracking_number = :t
                        """)
                .param("c", carrier).param("t", tracking).query(ShipmentHeader::of).optional()
                .map(header -> shipments(List.of(header)).getFirst());
    }

    /**
     * Marks the order delivered when every unit has shipped and every parcel is delivered, at the
     * last parcel's time; empty when it is not, or was marked before.
     */
    Optional<Instant> markDeliveredIfComplete(OrderNumber number) {
        return jdbc.sql("""
                        UPDATE fulfilment.order_fulfilment f
                        SET delivered_at = (SELECT max(s.delivered_at) FROM fulfilment.shipment s WHERE s.order_number = f.order_number)
                        WHERE f.order_number = :n AND f.delivered_at IS NULL AND f.cancelled_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM fulfilment.order_line l WHERE l.order_number = f.order_number AND l.shipped < l.quantity)
                          AND NOT EXISTS (SELECT 1 FROM fulfilment.shipment s WHERE s.order_number = f.order_number AND s.status <> 'DELIVERED')
                          AND EXISTS (SELECT 1 FROM fulfilment.shipment s WHERE s.order_number = f.order_number)
                        RETURNING delivered_at
                        """)
                .param("n", number.value()).query((row, n) -> row.getTimestamp(1).toInstant()).optional();
    }

    void readyForPickup(OrderNumber number, String code, Instant at) {
        jdbc.sql("UPDATE fulfilment.order_fulfilment SET pickup_code = :code, pickup_ready_at = :at WHERE order_number = :n")
                .param("code", code).param("at", Timestamp.from(at)).param("n", number.value()).update();
    }

    Optional<String> pickupCode(OrderNumber number) {
        return jdbc.sql("SELECT pickup_code FROM fulfilment.order_fulfilment WHERE order_number = :n AND pickup_code IS NOT NULL")
                .param("n", number.value()).query(String.class).optional();
    }

    boolean markCollected(OrderNumber number, Instant at) {
        return jdbc.sql("UPDATE fulfilment.order_fulfilment SET delivered_at = :at WHERE order_number = :n AND delivered_at IS NULL AND cancelled_at IS NULL")
                .param("at", Timestamp.from(at)).param("n", number.value()).update() == 1;
    }

    void markCancelled(OrderNumber number, Instant at) {
        jdbc.sql("UPDATE fulfilment.order_fulfilment SET cancelled_at = :at WHERE order_number = :n AND cancelled_at IS NULL")
                .param("at", Timestamp.from(at)).param("n", number.value()).update();
    }

    void markLateCancelled(OrderNumber number, Instant at, LocalDate refundDueBy) {
        jdbc.sql("""
                        UPDATE fulfilment.order_fulfilment SET late_cancelled_at = :at, refund_due_by = :due,
                            cancelled_at = coalesce(cancelled_at, :at)
                        WHERE order_number = :n AND late_cancelled_at IS NULL
                        """)
                .param("at", Timestamp.from(at)).param("due", refundDueBy).param("n", number.value()).update();
    }

    /** Orders cancelled for late delivery whose refund was due before {@code today} and not found made yet. */
    List<OrderNumber> lateRefundsToCheck(LocalDate today, int limit) {
        return jdbc.sql("""
                        SELECT order_number FROM fulfilment.order_fulfilment
                        WHERE late_cancelled_at IS NOT NULL AND refund_settled_at IS NULL AND refund_due_by < :today
                        ORDER BY refund_due_by, order_number LIMIT :limit
                        """)
                .param("today", today).param("limit", limit).query((row, n) -> new OrderNumber(row.getString(1))).list();
    }

    /** Raises the alert of an overdue refund; false when it was raised already. */
    boolean raiseRefundOverdue(OrderNumber number, Instant at) {
        return jdbc.sql("""
                        UPDATE fulfilment.order_fulfilment SET refund_overdue_at = :at
                        WHERE order_number = :n AND refund_overdue_at IS NULL AND refund_settled_at IS NULL
                        """)
                .param("at", Timestamp.from(at)).param("n", number.value()).update() == 1;
    }

    /** The refund was found made: the order is no longer watched and its alert, if any, is closed. */
    boolean refundSettled(OrderNumber number, Instant at) {
        return jdbc.sql("UPDATE fulfilment.order_fulfilment SET refund_settled_at = :at WHERE order_number = :n AND refund_settled_at IS NULL")
                .param("at", Timestamp.from(at)).param("n", number.value()).update() == 1;
    }

    List<LateRefundAlert> openLateRefundAlerts(int limit) {
        return jdbc.sql("""
                        SELECT order_number, late_cancelled_at, refund_due_by, refund_overdue_at FROM fulfilment.order_fulfilment
                        WHERE refund_overdue_at IS NOT NULL AND refund_settled_at IS NULL
                        ORDER BY refund_due_by, order_number LIMIT :limit
                        """)
                .param("limit", limit)
                .query((row, n) -> new LateRefundAlert(new OrderNumber(row.getString("order_number")),
                        row.getTimestamp("late_cancelled_at").toInstant(), row.getDate("refund_due_by").toLocalDate(),
                        row.getTimestamp("refund_overdue_at").toInstant()))
                .list();
    }

    void smsPhone(OrderNumber number, String phone) {
        jdbc.sql("UPDATE fulfilment.order_fulfilment SET sms_phone = :phone WHERE order_number = :n")
                .param("phone", phone).param("n", number.value()).update();
    }

    // Reading

    private record Header(OrderNumber number, String email, Locale locale, String name, boolean clickAndCollect, String pickupPoint,
                          Instant paidAt, LocalDate promised, String token, String phone, Instant pickupReadyAt, Instant deliveredAt,
                          Instant lateFlaggedAt, Instant lateCancelledAt, LocalDate refundDueBy, Instant cancelledAt) {
    }

    private Header header(ResultSet row, int n) throws SQLException {
        java.sql.Date due = row.getDate("refund_due_by");
        return new Header(new OrderNumber(row.getString("order_number")), row.getString("email"),
                Locale.forLanguageTag(row.getString("locale")), row.getString("customer_name"), row.getBoolean("click_and_collect"),
                row.getString("pickup_point"), instant(row, "paid_at"), row.getDate("promised_date").toLocalDate(),
                row.getString("tracking_token"), row.getString("sms_phone"), instant(row, "pickup_ready_at"),
                instant(row, "delivered_at"), instant(row, "late_flagged_at"), instant(row, "late_cancelled_at"),
                due == null ? null : due.toLocalDate(), instant(row, "cancelled_at"));
    }

    private OrderFulfilment complete(Header h) {
        List<OrderFulfilment.Line> lines = jdbc.sql("SELECT * FROM fulfilment.order_line WHERE order_number = :n ORDER BY position")
                .param("n", h.number().value())
                .query((row, n) -> new OrderFulfilment.Line(row.getInt("position"), row.getString("sku"), row.getString("title"),
                        row.getInt("quantity"), row.getInt("shipped")))
                .list();
        List<ShipmentHeader> headers = jdbc.sql("""
                        SELECT s.*, c.name, c.tracking_url_pattern FROM fulfilment.shipment s JOIN fulfilment.carrier c ON c.code = s.carrier_code
                        WHERE s.order_number = :n ORDER BY s.sequence
                        """)
                .param("n", h.number().value()).query(ShipmentHeader::of).list();
        return new OrderFulfilment(h.number(), h.email(), h.locale(), h.name(), h.clickAndCollect(), h.pickupPoint(), h.paidAt(),
                h.promised(), h.token(), h.phone(), h.pickupReadyAt(), h.deliveredAt(), h.lateFlaggedAt(), h.lateCancelledAt(),
                h.refundDueBy(), h.cancelledAt(), lines, shipments(headers));
    }

    private record ShipmentHeader(UUID id, OrderNumber number, Carrier carrier, String tracking, ShipmentStatus status,
                                  Instant shippedAt, Instant deliveredAt) {

        static ShipmentHeader of(ResultSet row, int n) throws SQLException {
            return new ShipmentHeader(row.getObject("id", UUID.class), new OrderNumber(row.getString("order_number")),
                    new Carrier(row.getString("carrier_code"), row.getString("name"), row.getString("tracking_url_pattern")),
                    row.getString("tracking_number"), ShipmentStatus.valueOf(row.getString("status")),
                    instant(row, "shipped_at"), instant(row, "delivered_at"));
        }
    }

    private List<Shipment> shipments(List<ShipmentHeader> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = headers.stream().map(ShipmentHeader::id).toList();
        Map<UUID, List<Shipment.Line>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT sl.shipment_id, sl.position, sl.quantity, l.sku, l.title
                        FROM fulfilment.shipment_line sl
                        JOIN fulfilment.shipment s ON s.id = sl.shipment_id
                        JOIN fulfilment.order_line l ON l.order_number = s.order_number AND l.position = sl.position
                        WHERE sl.shipment_id IN (:ids) ORDER BY sl.position
                        """)
                .param("ids", ids)
                .query((ResultSet row) -> {
                    lines.computeIfAbsent(row.getObject("shipment_id", UUID.class), id -> new ArrayList<>())
                            .add(new Shipment.Line(row.getInt("position"), row.getString("sku"), row.getString("title"), row.getInt("quantity")));
                });
        Map<UUID, List<Shipment.Event>> history = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM fulfilment.shipment_event WHERE shipment_id IN (:ids) ORDER BY at, id")
                .param("ids", ids)
                .query((ResultSet row) -> {
                    history.computeIfAbsent(row.getObject("shipment_id", UUID.class), id -> new ArrayList<>())
                            .add(new Shipment.Event(instant(row, "at"), ShipmentStatus.valueOf(row.getString("status")),
                                    row.getString("source"), row.getString("detail")));
                });
        return headers.stream().map(h -> new Shipment(h.id(), h.number(), h.carrier(), h.tracking(), h.status(), h.shippedAt(),
                h.deliveredAt(), List.copyOf(lines.getOrDefault(h.id(), List.of())),
                List.copyOf(history.getOrDefault(h.id(), List.of())))).toList();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
