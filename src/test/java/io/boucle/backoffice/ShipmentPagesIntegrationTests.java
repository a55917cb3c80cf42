package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.Fulfilment;
import io.boucle.fulfilment.OrderFulfilment;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ShipmentPagesIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Orders orders;

    @Autowired
    Fulfilment fulfilment;

    @Autowired
    MutableClock clock;

    StoreFixtures store;
    Http http;

    @BeforeEach
    void setUp() {
        logins = new StaffLogins(accounts, port);
        clock.set(Instant.now(Clock.systemUTC()));
        store = new StoreFixtures(new Http(port), json, catalog);
        http = new Http(port);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void aManagerShipsFromTheOrderPageInTwoParcelsAndSetsTheStatusByHand() {
        String sku = store.product("page", "14.00", 10);
        String number = place(sku, 3);
        logins.signIn(http, Role.MANAGER);

        String queues = http.get("/admin/shipments?q=" + store.id).body();
        assertThat(queues).contains("À expédier aujourd&#39;hui (1)").contains(number).contains("Colissimo").contains("Mondial Relay");
        HttpResponse<String> pickList = http.get("/admin/shipments/pick-list.pdf");
        assertThat(pickList.statusCode()).isEqualTo(200);
        assertThat(pickList.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pickList.body()).startsWith("%PDF");

        String page = http.get("/admin/orders/" + number).body();
        assertThat(page).contains("Expédier un colis").contains("name=\"qty-1\"").contains("value=\"chronopost\"");
        HttpResponse<String> slip = http.get("/admin/orders/" + number + "/packing-slip.pdf");
        assertThat(slip.statusCode()).isEqualTo(200);
        assertThat(slip.body()).startsWith("%PDF");

        // More than ordered: refused, with the reason.
        HttpResponse<String> tooMany = post("/admin/orders/" + number + "/shipments", page, "carrier", "colissimo",
                "trackingNumber", "6A" + store.id, "qty-1", "4");
        assertThat(tooMany.headers().firstValue("Location").orElseThrow()).endsWith("/admin/orders/" + number);
        assertThat(http.get("/admin/orders/" + number).body()).contains("3 commandé(s), 0 déjà expédié(s)");
        assertThat(fulfilment.forOrder(new OrderNumber(number)).orElseThrow().shipments()).isEmpty();

        post("/admin/orders/" + number + "/shipments", page, "carrier", "colissimo", "trackingNumber", "6A" + store.id, "qty-1", "2");
        String shipped = http.get("/admin/orders/" + number).body();
        assertThat(shipped).contains("Colis Colissimo 6A" + store.id).contains("laposte.fr/outils/suivre-vos-envois?code=6A" + store.id)
                .contains("1 à expédier");
        OrderFulfilment order = fulfilment.forOrder(new OrderNumber(number)).orElseThrow();
        assertThat(order.lines().getFirst().shipped()).isEqualTo(2);

        post("/admin/shipments/" + order.shipments().getFirst().id() + "/status", shipped, "status", "EXCEPTION",
                "detail", "Adresse incomplète");
        assertThat(http.get("/admin/orders/" + number).body()).contains("Incident").contains("Adresse incomplète");

        post("/admin/orders/" + number + "/shipments", shipped, "carrier", "chronopost", "trackingNumber", "XY" + store.id, "qty-1", "1");
        order = fulfilment.forOrder(new OrderNumber(number)).orElseThrow();
        assertThat(order.fullyShipped()).isTrue();
        for (var parcel : order.shipments()) {
            post("/admin/shipments/" + parcel.id() + "/status", shipped, "status", "DELIVERED", "detail", "");
        }
        assertThat(orders.find(new OrderNumber(number)).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(http.get("/admin/shipments?q=" + store.id).body()).doesNotContain(number).contains("À expédier aujourd&#39;hui (0)");
    }

    @Test
    void theCounterChecksThePickupCode() {
        String sku = store.product("comptoir", "20.00", 4);
        String number = placeCollect(sku);
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/orders/" + number).body();
        assertThat(page).contains("Prête à retirer").doesNotContain("Expédier un colis");
        post("/admin/orders/" + number + "/ready-for-pickup", page);
        String shipments = http.get("/admin/shipments?q=" + store.id).body();
        assertThat(shipments).contains(number).contains("prête, code envoyé");

        post("/admin/shipments/pickup", shipments, "number", number, "code", "WRONG1");
        assertThat(http.get("/admin/shipments").body()).contains("Code de retrait incorrect");
        assertThat(orders.find(new OrderNumber(number)).orElseThrow().status()).isEqualTo(OrderStatus.PREPARING);
    }

    @Test
    void theNoticesArePreviewedInBothLanguages() {
        logins.signIn(http, Role.MANAGER);
        String previews = http.get("/admin/shipments/templates").body();
        assertThat(previews).contains("Votre commande B2026-000123 est expédiée").contains("Your order B2026-000123 has shipped")
                .contains("K7P3QX").contains("Vous pouvez attendre la livraison").contains("Boucle: your order B2026-000123");
        HttpResponse<String> html = http.get("/admin/shipments/templates/ready-for-pickup/en.html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Your pickup code").contains("K7P3QX");
        assertThat(http.get("/admin/shipments/templates/nope/en.html").statusCode()).isEqualTo(404);
    }

    @Test
    void supportStaffMayNotShip() {
        String sku = store.product("refus", "10.00", 4);
        String number = place(sku, 1);
        logins.signIn(http, Role.SUPPORT);
        assertThat(http.get("/admin/shipments").statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/shipments/pick-list.pdf").statusCode()).isEqualTo(403);
        String page = http.get("/admin/orders/" + number).body();
        assertThat(page).contains("Expédition").doesNotContain("Expédier un colis");
        assertThat(post("/admin/orders/" + number + "/shipments", page, "carrier", "colissimo", "trackingNumber", "SP" + store.id)
                .statusCode()).isEqualTo(403);
        assertThat(fulfilment.forOrder(new OrderNumber(number)).orElseThrow().shipments()).isEmpty();

        StaffAccount support = accounts.open(EmailAddress.of("ship-api-" + store.id + "@boucle.test"), "Support", PASSWORD,
                Set.of(Role.SUPPORT), Locale.FRENCH);
        String token = "Bearer " + accounts.issueApiToken(support.id(), "tests").token();
        assertThat(http.postJson("/api/v1/admin/orders/" + number + "/shipments",
                "{\"carrier\": \"colissimo\", \"trackingNumber\": \"SP" + store.id + "\"}", "Authorization", token).statusCode())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/admin/orders/" + number + "/shipments", "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(fulfilment.forOrder(new OrderNumber(number)).orElseThrow().shipments()).isEmpty();
    }

    private String place(String sku, int quantity) {
        String cart = store.readyCart(sku, quantity);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String number = store.read(placed).get("order").get("number").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(new OrderNumber(number)).orElseThrow().status() == OrderStatus.PAID);
        return number;
    }

    private String placeCollect(String sku) {
        String cart = store.newCart();
        store.addLine(cart, sku, 1);
        store.customer(cart, "collect-" + store.id + "@example.org");
        HttpResponse<String> chosen = http.send(http.request("/api/v1/carts/" + cart + "/delivery").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"code\": \"collect\", \"pickupPointId\": \"paris-bastille\"}")).build());
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        String number = store.read(placed).get("order").get("number").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(new OrderNumber(number)).orElseThrow().status() == OrderStatus.PAID);
        return number;
    }

    private HttpResponse<String> post(String path, String page, String... fields) {
        String[] withCsrf = java.util.Arrays.copyOf(fields, fields.length + 2);
        withCsrf[fields.length] = "_csrf";
        withCsrf[fields.length + 1] = Http.csrfToken(page);
        return http.postForm(path, Http.form(withCsrf));
    }
}
