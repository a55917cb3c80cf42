package io.boucle.storefront;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.Fulfilment;
import io.boucle.fulfilment.OrderFulfilment;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class TrackingPagesIntegrationTests {

    @LocalServerPort
    int port;

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
        clock.set(Instant.now(Clock.systemUTC()));
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void theOrderPageAndThePublicTrackingPageShowTheParcelsAndTheirHistory() {
        JsonNode placed = place(store.product("suivi", "18.00", 5));
        OrderNumber number = new OrderNumber(placed.get("number").asString());
        String token = placed.get("accessToken").asString();
        fulfilment.ship(number, "colissimo", "6T" + store.id, null);
        OrderFulfilment order = fulfilment.forOrder(number).orElseThrow();

        String page = http.get("/commande/" + number + "?t=" + token).body();
        assertThat(page).contains("Colis 1 — Colissimo").contains("6T" + store.id)
                .contains("https://www.laposte.fr/outils/suivre-vos-envois?code=6T" + store.id).contains("Expédié")
                .contains("/suivi/" + order.trackingToken()).doesNotContain("Annuler pour retard");

        HttpResponse<String> tracking = http.get("/suivi/" + order.trackingToken());
        assertThat(tracking.statusCode()).isEqualTo(200);
        assertThat(tracking.body()).contains("Suivi de la commande " + number).contains("6T" + store.id)
                .doesNotContain("12 rue des Lilas");
        assertThat(http.get("/suivi/" + order.trackingToken().substring(1) + "x").statusCode()).isEqualTo(404);

        // The shipping email links to the tracking page.
        await().atMost(Duration.ofSeconds(10)).until(() -> !fulfilment.forOrder(number).isEmpty());
        String phone = Http.csrfToken(tracking.body());
        HttpResponse<String> saved = http.postForm("/suivi/" + order.trackingToken() + "/sms", Http.form("phone", "06 11 22 33 44", "_csrf", phone));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(fulfilment.forOrder(number).orElseThrow().smsPhone()).isEqualTo("+33611223344");
    }

    @Test
    void aLateOrderCanBeCancelledFromItsPage() {
        JsonNode placed = place(store.product("annule", "18.00", 5));
        OrderNumber number = new OrderNumber(placed.get("number").asString());
        String token = placed.get("accessToken").asString();
        OrderFulfilment order = fulfilment.forOrder(number).orElseThrow();
        clock.set(order.promisedDate().plusDays(2).atStartOfDay(java.time.ZoneId.of("Europe/Paris")).toInstant());

        String page = http.get("/commande/" + number + "?t=" + token).body();
        assertThat(page).contains("Annuler pour retard de livraison").contains("elle est en retard");
        HttpResponse<String> unconfirmed = http.postForm("/commande/" + number + "/annulation-retard?t=" + token,
                Http.form("_csrf", Http.csrfToken(page)));
        assertThat(unconfirmed.statusCode()).isEqualTo(302);
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        page = http.get("/commande/" + number + "?t=" + token).body();
        assertThat(page).contains("Cochez la case pour confirmer");

        http.postForm("/commande/" + number + "/annulation-retard?t=" + token, Http.form("confirm", "yes", "_csrf", Http.csrfToken(page)));
        assertThat(orders.find(number).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        String after = http.get("/commande/" + number + "?t=" + token).body();
        assertThat(after).contains("Votre commande est annulée. Remboursement de 22,95").contains("remboursement intégral au plus tard le");
    }

    private JsonNode place(String sku) {
        String cart = store.readyCart(sku, 1);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = store.read(placed).get("order");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> orders.find(new OrderNumber(order.get("number").asString())).orElseThrow().status() == OrderStatus.PAID);
        return order;
    }
}
