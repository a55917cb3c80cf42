package io.boucle.checkout;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.boucle.test.Http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the store API as a shop front would: products through the admin API, carts and checkout. */
public final class StoreFixtures {

    public static final String OWNER_TOKEN = "bcl_owner_token_for_tests_0123456789";

    private final Http http;
    private final JsonMapper json;
    public final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    public StoreFixtures(Http http, JsonMapper json, io.boucle.catalog.Catalog catalog) {
        this.http = http;
        this.json = json;
        catalog.addCategory("ck-" + id, null, 0, io.boucle.shared.LocalizedText.of("Caisse", "Till"),
                io.boucle.shared.LocalizedText.of("", ""));
    }

    /** A published product with one SKU at {@code price} euros and {@code stock} units; returns the SKU. */
    public String product(String name, String price, int stock) {
        String sku = ("CK-" + id + "-" + name).toUpperCase();
        HttpResponse<String> created = http.postJson("/api/v1/admin/products", """
                {"slug": "%s", "title": "Article %s", "category": "ck-%s", "taxCategory": "STANDARD", "publish": true,
                 "variants": [{"sku": "%s", "price": {"amount": "%s", "currency": "EUR"}, "stock": %d, "weightGrams": 500}]}
                """.formatted(("ck-" + id + "-" + name).toLowerCase(), name, id, sku, price, stock),
                "Authorization", "Bearer " + OWNER_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return sku;
    }

    public String newCart() {
        HttpResponse<String> created = http.postJson("/api/v1/carts", "{}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return read(created).get("id").asString();
    }

    public HttpResponse<String> addLine(String cart, String sku, Object quantity) {
        return http.postJson("/api/v1/carts/" + cart + "/lines", "{\"sku\": \"%s\", \"quantity\": %s}".formatted(sku, quantity));
    }

    public HttpResponse<String> customer(String cart, String email) {
        return http.send(http.request("/api/v1/carts/" + cart + "/customer").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"email": "%s", "shippingAddress": {"name": "Camille Martin", "line1": "12 rue des Lilas",
                         "postalCode": "75011", "city": "Paris", "country": "FR"}}
                        """.formatted(email))).build());
    }

    public HttpResponse<String> delivery(String cart, String code) {
        return http.send(http.request("/api/v1/carts/" + cart + "/delivery").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"code\": \"%s\"}".formatted(code))).build());
    }

    public HttpResponse<String> checkout(String cart, String token, String idempotencyKey) {
        String body = "{\"acceptTerms\": true, \"payment\": {\"method\": \"card\", \"token\": \"%s\"}}".formatted(token);
        return idempotencyKey == null ? http.postJson("/api/v1/carts/" + cart + "/checkout", body)
                : http.postJson("/api/v1/carts/" + cart + "/checkout", body, "Idempotency-Key", idempotencyKey);
    }

    /** A cart with {@code quantity} of {@code sku}, a customer and home delivery, ready to check out. */
    public String readyCart(String sku, int quantity) {
        String cart = newCart();
        HttpResponse<String> added = addLine(cart, sku, quantity);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(customer(cart, "buyer-" + id + "@example.org").statusCode()).isEqualTo(200);
        HttpResponse<String> chosen = delivery(cart, "home");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        return cart;
    }

    public JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
