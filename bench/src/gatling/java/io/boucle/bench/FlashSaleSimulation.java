package io.boucle.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * A flash sale: one new SKU with {@code bench.flashUnits} units (1,000), created through the admin
 * API with the staff token {@code bench.adminToken}; then {@code bench.flashBuyers} buyers (5,000)
 * arrive evenly over {@code bench.flashSeconds} (10 s), each creating a cart, adding one unit,
 * giving their details, choosing delivery and checking out with {@code tok_visa}. A buyer is told
 * "sold out" (409) when adding the line or at checkout; every other answer than the expected ones is
 * an error. Afterwards, when {@code bench.jdbcUrl} is given, the database is asked what was sold:
 * orders holding the SKU, units ordered, paid orders, the stock left and the stock ledger.
 */
public class FlashSaleSimulation extends Simulation {

    private final Outcomes outcomes = new Outcomes();
    private final StoreApi store = new StoreApi(outcomes);
    private final int units = Bench.integer("bench.flashUnits", 1000);
    private final int buyers = Bench.integer("bench.flashBuyers", 5000);
    private final Duration arrival = Bench.seconds("bench.flashSeconds", 10);
    private final String sku = Bench.text("bench.flashSku", "FLASH-" + System.currentTimeMillis());
    private final AtomicLong paid = new AtomicLong();
    private final AtomicLong placedNotPaid = new AtomicLong();

    private final ScenarioBuilder sale = scenario("flash sale")
            .exec(session -> session.set("sku", sku))
            .exec(store.createCart("flash: create cart"))
            .exitHereIf(StoreApi.notOk())
            .exec(store.addLine("flash: add line", StoreApi.CONFLICT))
            .exec(session -> soldOutAnswer(session))
            .exitHereIf(StoreApi.notOk())
            .exec(store.customer("flash: customer"))
            .exitHereIf(StoreApi.notOk())
            .exec(store.delivery("flash: delivery"))
            .exitHereIf(StoreApi.notOk())
            .exec(store.checkout("flash: checkout", StoreApi.CONFLICT))
            .exec(session -> soldOutAnswer(session))
            .exec(session -> {
                if ("OK".equals(session.getString("outcome"))) {
                    ("PAID".equals(session.getString("orderStatus")) ? paid : placedNotPaid).incrementAndGet();
                }
                return session;
            });

    {
        setUp(sale.injectOpen(rampUsers(buyers).during(arrival))).protocols(Bench.protocol());
    }

    /** Every "sold out" answer, wherever the buyer got it, under one name: the target is about them all. */
    private Session soldOutAnswer(Session session) {
        if (Outcomes.Kind.REFUSED.name().equals(session.getString("outcome"))) {
            long sentAt = session.getLong("sentAt");
            long millis = session.contains("responseTime") ? session.getInt("responseTime") : System.currentTimeMillis() - sentAt;
            outcomes.record("flash: sold-out answer", Outcomes.Kind.REFUSED, session.getInt("status"), millis, sentAt, sentAt + millis);
        }
        return session;
    }

    @Override
    public void before() {
        String product = """
                {"slug": "vente-flash-%1$s", "title": "Lampe d'atelier (vente flash %2$s)", "titleEn": "Workshop lamp (flash sale %2$s)",
                 "category": "maison-cuisine", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%2$s", "price": {"amount": "49.00", "currency": "EUR"}, "stock": %3$d, "weightGrams": 1200}]}"""
                .formatted(sku.toLowerCase(Locale.ROOT), sku, units);
        HttpRequest request = HttpRequest.newBuilder(URI.create(Bench.baseUrl() + "/api/v1/admin/products"))
                .header("Authorization", "Bearer " + Bench.required("bench.adminToken"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(product))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("the flash-sale product was not created: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the flash-sale product was not created", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void after() {
        outcomes.fact("sku", sku);
        outcomes.fact("units", units);
        outcomes.fact("buyers", buyers);
        outcomes.fact("seconds", arrival.toSeconds());
        outcomes.fact("paidAnswers", paid.get());
        outcomes.fact("placedNotPaid", placedNotPaid.get());
        String url = System.getProperty("bench.jdbcUrl");
        if (url != null && !url.isBlank()) {
            try (Connection db = DriverManager.getConnection(url)) {
                verify(db);
            } catch (SQLException e) {
                outcomes.fact("db.error", e.getMessage().replace('\t', ' ').replace('\n', ' '));
            }
        }
        outcomes.write();
    }

    /** What the database holds for the SKU once the sale is over. */
    private void verify(Connection db) throws SQLException {
        fact(db, "db.orders", "SELECT count(DISTINCT order_number) FROM orders.line WHERE sku = ?");
        fact(db, "db.unitsOrdered", "SELECT coalesce(sum(quantity), 0) FROM orders.line WHERE sku = ?");
        fact(db, "db.paidOrders", """
                SELECT count(*) FROM orders.customer_order o
                WHERE o.status = 'PAID' AND EXISTS (SELECT 1 FROM orders.line l WHERE l.order_number = o.number AND l.sku = ?)""");
        fact(db, "db.onHand", "SELECT on_hand FROM inventory.stock WHERE sku = ?");
        fact(db, "db.reserved", "SELECT reserved FROM inventory.stock WHERE sku = ?");
        fact(db, "db.unitsSold", "SELECT coalesce(sum(-delta), 0) FROM inventory.movement WHERE sku = ? AND reason = 'SOLD'");
        fact(db, "db.reservationsHeld", "SELECT count(*) FROM inventory.reservation WHERE sku = ? AND status = 'HELD'");
    }

    private void fact(Connection db, String key, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, sku);
            try (ResultSet rows = statement.executeQuery()) {
                outcomes.fact(key, rows.next() ? rows.getString(1) : "none");
            }
        }
    }
}
