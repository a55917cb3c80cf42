package io.boucle.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.boucle.customer.CustomerId;
import io.boucle.shared.Money;
import io.boucle.shared.Page;
import io.boucle.tax.VatAssessment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The order tables. */
@Component
class OrderStore {

    private static final String COLUMNS = """
            SELECT number, status, email, locale, currency, shipping_address, billing_address, company, delivery,
                   subtotal, discount, delivery_price, total_vat, total, vat, promotions, payment_method, placed_at,
                   paid_at, payment_deadline, cancelled_at, cancel_reason, access_token, idempotency_key, request_hash,
                   exchange_rate, exchange_rate_date
            FROM orders.customer_order
            """;

    record Stored(OrderView view, String idempotencyKey, String requestHash) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrderStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long nextSequence() {
        return jdbc.sql("SELECT nextval('orders.order_number_seq')").query(Long.class).single();
    }

    void insert(OrderNumber number, NewOrder order, String accessToken, Instant placedAt, Instant paymentDeadline) {
        Currency currency = order.totals().total().currency();
        jdbc.sql("""
                INSERT INTO orders.customer_order (number, status, cart_id, idempotency_key, request_hash, access_token, email,
                    locale, currency, shipping_address, billing_address, company, delivery, subtotal, discount, delivery_price,
                    total_vat, total, vat, promotions, payment_method, payment_deadline, placed_at, customer_id,
                    vat_assessment, exchange_rate, exchange_rate_date, vat_assessment_eur)
                VALUES (:number, 'AWAITING_PAYMENT', :cartId, :key, :hash, :token, :email, :locale, :currency,
                    CAST(:shipping AS JSONB), CAST(:billing AS JSONB), CAST(:company AS JSONB), CAST(:delivery AS JSONB),
                    :subtotal, :discount, :deliveryPrice, :totalVat, :total, CAST(:vat AS JSONB), CAST(:promotions AS JSONB),
                    :paymentMethod, :deadline, :placedAt, :customer, CAST(:assessment AS JSONB), :rate, :rateDate,
                    CAST(:assessmentEur AS JSONB))
                """)
                .param("number", number.value()).param("cartId", order.cartId()).param("key", order.idempotencyKey())
                .param("hash", order.requestHash()).param("token", accessToken).param("email", order.email().value())
                .param("locale", order.locale().toLanguageTag()).param("currency", currency.getCurrencyCode())
                .param("shipping", json.writeValueAsString(order.shipping()))
                .param("billing", json.writeValueAsString(order.billing()))
                .param("company", order.company() == null ? null : json.writeValueAsString(order.company()))
                .param("delivery", json.writeValueAsString(order.delivery()))
                .param("subtotal", order.totals().subtotal().amount()).param("discount", order.totals().discount().amount())
                .param("deliveryPrice", order.totals().delivery().amount()).param("totalVat", order.totals().totalVat().amount())
                .param("total", order.totals().total().amount())
                .param("vat", json.writeValueAsString(order.totals().vat()))
                .param("promotions", json.writeValueAsString(order.promotions()))
                .param("paymentMethod", order.paymentMethod()).param("deadline", Timestamp.from(paymentDeadline))
                .param("placedAt", Timestamp.from(placedAt))
                .param("customer", order.customer() == null ? null : order.customer().value())
                .param("assessment", json.writeValueAsString(order.vat()))
                .param("rate", order.exchangeRate().isIdentity() ? null : order.exchangeRate().rate())
                .param("rateDate", order.exchangeRate().isIdentity() ? null : java.sql.Date.valueOf(order.exchangeRate().date()))
                .param("assessmentEur", order.exchangeRate().isIdentity() ? null : json.writeValueAsString(order.vatInEuros()))
                .update();
        List<NewOrder.Line> lines = order.lines();
        int[] positions = new int[lines.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i + 1;
        }
        jdbc.sql("""
                INSERT INTO orders.line (order_number, position, sku, product_slug, title, quantity, unit_price, discount, total,
                    vat_rate, second_hand)
                SELECT :number, * FROM unnest(CAST(:positions AS INT[]), CAST(:skus AS TEXT[]), CAST(:slugs AS TEXT[]),
                    CAST(:titles AS TEXT[]), CAST(:quantities AS INT[]), CAST(:units AS NUMERIC[]), CAST(:discounts AS NUMERIC[]),
                    CAST(:totals AS NUMERIC[]), CAST(:rates AS NUMERIC[]), CAST(:secondHand AS BOOLEAN[]))
                """)
                .param("number", number.value())
                .param("positions", java.util.Arrays.stream(positions).boxed().toArray(Integer[]::new))
                .param("skus", lines.stream().map(NewOrder.Line::sku).toArray(String[]::new))
                .param("slugs", lines.stream().map(NewOrder.Line::productSlug).toArray(String[]::new))
                .param("titles", lines.stream().map(NewOrder.Line::title).toArray(String[]::new))
                .param("quantities", lines.stream().map(NewOrder.Line::quantity).toArray(Integer[]::new))
                .param("units", lines.stream().map(line -> line.unitPrice().amount()).toArray(BigDecimal[]::new))
                .param("discounts", lines.stream().map(line -> line.discount().amount()).toArray(BigDecimal[]::new))
                .param("totals", lines.stream().map(line -> line.total().amount()).toArray(BigDecimal[]::new))
                .param("rates", lines.stream().map(NewOrder.Line::vatRate).toArray(BigDecimal[]::new))
                .param("secondHand", lines.stream().map(NewOrder.Line::secondHand).toArray(Boolean[]::new))
                .update();
    }

    void addToTimeline(OrderNumber number, Instant at, String kind, String detail) {
        jdbc.sql("INSERT INTO orders.timeline (order_number, at, kind, detail) VALUES (:number, :at, :kind, :detail)")
                .param("number", number.value()).param("at", Timestamp.from(at)).param("kind", kind).param("detail", detail)
                .update();
    }

    /** Adds to the timeline unless an entry of that kind is there at that instant already. */
    void addToTimelineOnce(OrderNumber number, Instant at, String kind, String detail) {
        jdbc.sql("""
                        INSERT INTO orders.timeline (order_number, at, kind, detail)
                        SELECT :number, :at, :kind, :detail
                        WHERE NOT EXISTS (SELECT 1 FROM orders.timeline WHERE order_number = :number AND at = :at AND kind = :kind)
                        """)
                .param("number", number.value()).param("at", Timestamp.from(at)).param("kind", kind).param("detail", detail)
                .update();
    }

    Optional<Stored> find(OrderNumber number, boolean forUpdate) {
        return jdbc.sql(COLUMNS + " WHERE number = :number" + (forUpdate ? " FOR UPDATE" : ""))
                .param("number", number.value()).query((row, n) -> stored(row)).optional().map(this::withDetails);
    }

    List<OrderNumber> numbersOfPerson(java.util.UUID customer, String email) {
        return jdbc.sql("""
                SELECT number FROM orders.customer_order WHERE customer_id = :customer OR lower(email) = lower(:email)
                ORDER BY placed_at, number
                """).param("customer", customer).param("email", email).query((row, n) -> new OrderNumber(row.getString("number"))).list();
    }

    int anonymise(java.util.UUID customer, String email, String placeholder) {
        return jdbc.sql("""
                UPDATE orders.customer_order SET email = :placeholder,
                    shipping_address = shipping_address || '{"name": "", "line1": "", "line2": null}'::jsonb,
                    billing_address = billing_address || '{"name": "", "line1": "", "line2": null}'::jsonb
                WHERE customer_id = :customer OR lower(email) = lower(:email)
                """).param("placeholder", placeholder).param("customer", customer).param("email", email).update();
    }

    /** Paid orders (not cancelled nor fully returned) per customer: count, euros spent, last one placed. */
    java.util.Map<java.util.UUID, io.boucle.customer.PurchaseHistory> purchaseHistories(List<java.util.UUID> customers) {
        java.util.Map<java.util.UUID, io.boucle.customer.PurchaseHistory> found = new java.util.HashMap<>();
        if (customers.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT customer_id, count(*) AS orders,
                       -- In euros: an order in another currency at its own rate.
                       coalesce(sum(CASE WHEN exchange_rate IS NULL THEN total ELSE round(total / exchange_rate, 2) END)
                           FILTER (WHERE currency = 'EUR' OR exchange_rate IS NOT NULL), 0) AS spent,
                       max(placed_at) AS last_order
                FROM orders.customer_order
                WHERE customer_id = ANY(CAST(:customers AS UUID[])) AND paid_at IS NOT NULL
                  AND status NOT IN ('CANCELLED', 'RETURNED')
                GROUP BY customer_id
                """)
                .param("customers", customers.toArray(java.util.UUID[]::new))
                .query((row, n) -> found.put(row.getObject("customer_id", java.util.UUID.class), new io.boucle.customer.PurchaseHistory(
                        row.getInt("orders"), row.getBigDecimal("spent"), row.getTimestamp("last_order").toInstant())))
                .list();
        return found;
    }

    /** The VAT assessment the order was priced with; empty for an order placed before assessments were kept. */
    Optional<VatAssessment> vatAssessment(OrderNumber number) {
        return jdbc.sql("SELECT vat_assessment FROM orders.customer_order WHERE number = :number AND vat_assessment IS NOT NULL")
                .param("number", number.value())
                .query((row, n) -> json.readValue(row.getString("vat_assessment"), VatAssessment.class))
                .optional();
    }

    /** The rate an order in another currency was converted at, and its assessment in euros; empty in euros. */
    Optional<OrderExchange> exchange(OrderNumber number) {
        return jdbc.sql("""
                SELECT currency, exchange_rate, exchange_rate_date, vat_assessment_eur FROM orders.customer_order
                WHERE number = :number AND exchange_rate IS NOT NULL
                """)
                .param("number", number.value())
                .query((row, n) -> new OrderExchange(new io.boucle.shared.ExchangeRate(
                        Currency.getInstance(row.getString("currency").strip()), row.getBigDecimal("exchange_rate"),
                        row.getDate("exchange_rate_date").toLocalDate()),
                        json.readValue(row.getString("vat_assessment_eur"), VatAssessment.class)))
                .optional();
    }

    Optional<Stored> findByIdempotencyKey(String key) {
        return jdbc.sql(COLUMNS + " WHERE idempotency_key = :key")
                .param("key", key).query((row, n) -> stored(row)).optional().map(this::withDetails);
    }

    /** Moves an order from one status to another; false when it was not in {@code from} any more. */
    boolean transition(OrderNumber number, OrderStatus from, OrderStatus to, Instant at, String reason) {
        String stamp = switch (to) {
            case PAID -> ", paid_at = :at";
            case CANCELLED -> ", cancelled_at = :at, cancel_reason = :reason";
            default -> "";
        };
        return jdbc.sql("UPDATE orders.customer_order SET status = :to" + stamp + " WHERE number = :number AND status = :from")
                .param("to", to.name()).param("at", Timestamp.from(at)).param("reason", reason)
                .param("number", number.value()).param("from", from.name()).update() == 1;
    }

    /** How many units of the order are returned and refunded. */
    int returnedUnits(OrderNumber number) {
        return jdbc.sql("SELECT returned_units FROM orders.customer_order WHERE number = :number")
                .param("number", number.value()).query(Integer.class).optional().orElse(0);
    }

    void returnedUnits(OrderNumber number, int units) {
        jdbc.sql("UPDATE orders.customer_order SET returned_units = :units WHERE number = :number")
                .param("units", units).param("number", number.value()).update();
    }

    /** Marks an order awaiting payment as paid and returns its total; empty when it was awaiting none. */
    Optional<Money> markPaid(OrderNumber number, Instant at) {
        return jdbc.sql("""
                        UPDATE orders.customer_order SET status = 'PAID', paid_at = :at
                        WHERE number = :number AND status = 'AWAITING_PAYMENT'
                        RETURNING total, currency
                        """)
                .param("at", Timestamp.from(at)).param("number", number.value())
                .query((row, n) -> Money.of(row.getBigDecimal("total"), java.util.Currency.getInstance(row.getString("currency").strip())))
                .optional();
    }

    Optional<OrderStatus> status(OrderNumber number) {
        return jdbc.sql("SELECT status FROM orders.customer_order WHERE number = :number")
                .param("number", number.value()).query((row, n) -> OrderStatus.valueOf(row.getString("status"))).optional();
    }

    List<OrderNumber> unpaidPastDeadline(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT number FROM orders.customer_order
                        WHERE status = 'AWAITING_PAYMENT' AND payment_deadline < :now ORDER BY payment_deadline LIMIT :limit
                        """)
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query((row, n) -> new OrderNumber(row.getString("number"))).list();
    }

    /** The customer's orders, newest first. */
    Page<OrderSummary> placedBy(CustomerId customer, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM orders.customer_order WHERE customer_id = :customer")
                .param("customer", customer.value()).query(Long.class).single();
        List<OrderSummary> items = jdbc.sql("""
                        SELECT number, status, email, currency, total, placed_at, shipping_address->>'name' AS name,
                               delivery->>'code' AS delivery_code, payment_method
                        FROM orders.customer_order WHERE customer_id = :customer
                        ORDER BY placed_at DESC, number DESC LIMIT :size OFFSET :offset
                        """)
                .param("customer", customer.value()).param("size", size).param("offset", (long) page * size)
                .query((row, n) -> summary(row)).list();
        return new Page<>(items, page, size, total);
    }

    /** Whether the order was placed by the customer. */
    boolean placedBy(OrderNumber number, CustomerId customer) {
        return jdbc.sql("SELECT count(*) FROM orders.customer_order WHERE number = :number AND customer_id = :customer")
                .param("number", number.value()).param("customer", customer.value()).query(Long.class).single() > 0;
    }

    /** The customer's latest order past payment, and not cancelled, with a line of one of these SKUs. */
    Optional<Purchase> latestPurchase(CustomerId customer, java.util.Collection<String> skus) {
        return jdbc.sql("""
                        SELECT o.number, o.paid_at FROM orders.customer_order o
                        WHERE o.customer_id = :customer AND o.paid_at IS NOT NULL
                          AND o.status NOT IN ('AWAITING_PAYMENT', 'CANCELLED')
                          AND EXISTS (SELECT 1 FROM orders.line l WHERE l.order_number = o.number AND l.sku IN (:skus))
                        ORDER BY o.paid_at DESC, o.number DESC LIMIT 1
                        """)
                .param("customer", customer.value()).param("skus", List.copyOf(skus))
                .query((row, n) -> new Purchase(new OrderNumber(row.getString("number")),
                        row.getTimestamp("paid_at").toInstant()))
                .optional();
    }

    /** The shipping address of the customer's latest order. */
    Optional<NewOrder.Address> lastShippingAddress(CustomerId customer) {
        return jdbc.sql("""
                        SELECT shipping_address FROM orders.customer_order WHERE customer_id = :customer
                        ORDER BY placed_at DESC, number DESC LIMIT 1
                        """)
                .param("customer", customer.value())
                .query((row, n) -> json.readValue(row.getString("shipping_address"), NewOrder.Address.class)).optional();
    }

    /**
     * Orders newest first: in {@code status} (any when null), placed in [{@code from}, {@code to}) (open
     * ends when null), whose number or email contains {@code query} (any when blank).
     */
    Page<OrderSummary> list(OrderStatus status, Instant from, Instant to, String query, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (status != null) {
            where.append(" AND status = :status");
        }
        if (from != null) {
            where.append(" AND placed_at >= :from");
        }
        if (to != null) {
            where.append(" AND placed_at < :to");
        }
        String q = query == null ? "" : query.strip();
        if (!q.isEmpty()) {
            where.append(" AND (number LIKE :numberPattern OR lower(email) LIKE :pattern)");
        }
        String escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        long total = bind(jdbc.sql("SELECT count(*) FROM orders.customer_order" + where), status, from, to, escaped)
                .query(Long.class).single();
        List<OrderSummary> items = bind(jdbc.sql("""
                        SELECT number, status, email, currency, total, placed_at, shipping_address->>'name' AS name,
                               delivery->>'code' AS delivery_code, payment_method
                        FROM orders.customer_order""" + where + " ORDER BY placed_at DESC, number DESC LIMIT :size OFFSET :offset"),
                        status, from, to, escaped)
                .param("size", size).param("offset", (long) page * size)
                .query((row, n) -> summary(row))
                .list();
        return new Page<>(items, page, size, total);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, OrderStatus status, Instant from,
            Instant to, String escapedQuery) {
        return statement.param("status", status == null ? null : status.name())
                .param("from", from == null ? null : Timestamp.from(from))
                .param("to", to == null ? null : Timestamp.from(to))
                .param("numberPattern", "%" + escapedQuery.toUpperCase(Locale.ROOT) + "%")
                .param("pattern", "%" + escapedQuery.toLowerCase(Locale.ROOT) + "%");
    }

    private static OrderSummary summary(ResultSet row) throws SQLException {
        return new OrderSummary(new OrderNumber(row.getString("number")),
                OrderStatus.valueOf(row.getString("status")), row.getString("email"), row.getString("name"),
                Money.of(row.getBigDecimal("total"), Currency.getInstance(row.getString("currency"))),
                row.getString("delivery_code"), row.getString("payment_method"),
                row.getTimestamp("placed_at").toInstant());
    }

    private Stored withDetails(Stored stored) {
        OrderView view = stored.view();
        Currency currency = Currency.getInstance(view.currency());
        List<NewOrder.Line> lines = jdbc.sql("""
                        SELECT sku, product_slug, title, quantity, unit_price, discount, total, vat_rate, second_hand
                        FROM orders.line WHERE order_number = :number ORDER BY position
                        """)
                .param("number", view.number().value())
                .query((row, n) -> new NewOrder.Line(row.getString("sku"), row.getString("product_slug"), row.getString("title"),
                        row.getInt("quantity"), Money.of(row.getBigDecimal("unit_price"), currency),
                        Money.of(row.getBigDecimal("discount"), currency), Money.of(row.getBigDecimal("total"), currency),
                        row.getBigDecimal("vat_rate").stripTrailingZeros(), row.getBoolean("second_hand")))
                .list();
        List<OrderView.TimelineEntry> timeline = jdbc.sql("SELECT at, kind, detail FROM orders.timeline WHERE order_number = :number ORDER BY at, id")
                .param("number", view.number().value())
                .query((row, n) -> new OrderView.TimelineEntry(row.getTimestamp("at").toInstant(), row.getString("kind"),
                        row.getString("detail")))
                .list();
        return new Stored(new OrderView(view.number(), view.status(), view.email(), view.locale(), view.currency(),
                view.shipping(), view.billing(), view.company(), view.delivery(), lines, view.totals(), view.promotions(),
                view.paymentMethod(), view.placedAt(), view.paidAt(), view.paymentDeadline(), view.cancelledAt(),
                view.cancelReason(), view.accessToken(), timeline, view.exchangeRate()), stored.idempotencyKey(),
                stored.requestHash());
    }

    private Stored stored(ResultSet row) throws SQLException {
        Currency currency = Currency.getInstance(row.getString("currency").strip());
        NewOrder.Totals totals = new NewOrder.Totals(money(row, "subtotal", currency), money(row, "discount", currency),
                money(row, "delivery_price", currency),
                json.readValue(row.getString("vat"), new TypeReference<List<NewOrder.VatLine>>() { }),
                money(row, "total_vat", currency), money(row, "total", currency));
        OrderView view = new OrderView(new OrderNumber(row.getString("number")), OrderStatus.valueOf(row.getString("status")),
                row.getString("email"), Locale.forLanguageTag(row.getString("locale")), currency.getCurrencyCode(),
                json.readValue(row.getString("shipping_address"), NewOrder.Address.class),
                json.readValue(row.getString("billing_address"), NewOrder.Address.class),
                row.getString("company") == null ? null : json.readValue(row.getString("company"), NewOrder.Company.class),
                json.readValue(row.getString("delivery"), NewOrder.DeliveryChoice.class), new ArrayList<>(), totals,
                json.readValue(row.getString("promotions"), new TypeReference<List<String>>() { }),
                row.getString("payment_method"), row.getTimestamp("placed_at").toInstant(), instant(row, "paid_at"),
                row.getTimestamp("payment_deadline").toInstant(), instant(row, "cancelled_at"), row.getString("cancel_reason"),
                row.getString("access_token"), List.of(), row.getBigDecimal("exchange_rate") == null ? null
                        : new io.boucle.shared.ExchangeRate(currency, row.getBigDecimal("exchange_rate"),
                                row.getDate("exchange_rate_date").toLocalDate()));
        return new Stored(view, row.getString("idempotency_key"), row.getString("request_hash"));
    }

    private static Money money(ResultSet row, String column, Currency currency) throws SQLException {
        return Money.of(row.getBigDecimal(column), currency);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
