package io.boucle.fulfilment;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.boucle.checkout.StoreFixtures;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.test.Http;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Paid orders placed through the store API, for fulfilment's tests. */
record ShippingScenario(Http http, StoreFixtures store, Orders orders) {

    record Placed(OrderNumber number, String accessToken) {
    }

    /** A paid home-delivery order of {@code quantities} (SKU, quantity, SKU, quantity…). */
    Placed paidOrder(String email, Object... quantities) {
        return paid(cart(email, "home", null, quantities));
    }

    /** A paid home-delivery order, paid with the test card {@code token} (e.g. one whose refunds fail). */
    Placed paidOrderWith(String token, String email, Object... quantities) {
        return paid(cart(email, "home", null, quantities), token);
    }

    /** A paid click & collect order, to collect at the Bastille store. */
    Placed paidCollectOrder(String email, Object... quantities) {
        return paid(cart(email, "collect", "paris-bastille", quantities));
    }

    private String cart(String email, String delivery, String pickupPoint, Object... quantities) {
        String cart = store.newCart();
        for (int i = 0; i < quantities.length; i += 2) {
            HttpResponse<String> added = store.addLine(cart, (String) quantities[i], quantities[i + 1]);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        }
        assertThat(store.customer(cart, email).statusCode()).isEqualTo(200);
        String body = pickupPoint == null ? "{\"code\": \"%s\"}".formatted(delivery)
                : "{\"code\": \"%s\", \"pickupPointId\": \"%s\"}".formatted(delivery, pickupPoint);
        HttpResponse<String> chosen = http.send(http.request("/api/v1/carts/" + cart + "/delivery")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        return cart;
    }

    private Placed paid(String cart) {
        return paid(cart, "tok_visa");
    }

    private Placed paid(String cart, String token) {
        HttpResponse<String> placed = store.checkout(cart, token, null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = store.read(placed).get("order");
        OrderNumber number = new OrderNumber(order.get("number").asString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> orders.find(number).orElseThrow().status() == OrderStatus.PAID);
        return new Placed(number, order.get("accessToken").asString());
    }
}
