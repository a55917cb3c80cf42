package io.boucle.invoicing;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.shared.LocalizedText;
import io.boucle.test.Http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders placed and paid through the store API, as a shop front would, for the invoices they give. */
final class ShopFixtures {

    static final String OWNER_TOKEN = "bcl_owner_token_for_tests_0123456789";

    private final Http http;
    private final JsonMapper json;
    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    ShopFixtures(Http http, JsonMapper json, Catalog catalog) {
        this.http = http;
        this.json = json;
        catalog.addCategory("inv-" + id, null, 0, LocalizedText.of("Factures", "Invoices"), LocalizedText.of("", ""));
    }

    /** A published product with one SKU at {@code price} euros incl. VAT; returns the SKU. */
    String product(String name, String price) {
        String sku = ("INV-" + id + "-" + name).toUpperCase();
        HttpResponse<String> created = http.postJson("/api/v1/admin/products", """
                {"slug": "%s", "title": "Article %s", "category": "inv-%s", "taxCategory": "STANDARD", "publish": true,
                 "variants": [{"sku": "%s", "price": {"amount": "%s", "currency": "EUR"}, "stock": 50, "weightGrams": 400}]}
                """.formatted(("inv-" + id + "-" + name).toLowerCase(), name, id, sku, price),
                "Authorization", "Bearer " + OWNER_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return sku;
    }

    /** An order of {@code quantity} × {@code sku} delivered at home in Paris, paid by card; returns it. */
    JsonNode paidOrder(String sku, int quantity, String email) {
        return paidOrder(sku, quantity, email, null);
    }

    /** The same, bought by a company ({@code company} is the JSON object of the store API). */
    JsonNode paidOrder(String sku, int quantity, String email, String company) {
        HttpResponse<String> cart = http.postJson("/api/v1/carts", "{}");
        assertThat(cart.statusCode()).as(cart.body()).isEqualTo(201);
        String cartId = read(cart).get("id").asString();
        HttpResponse<String> added = http.postJson("/api/v1/carts/" + cartId + "/lines",
                "{\"sku\": \"%s\", \"quantity\": %d}".formatted(sku, quantity));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        HttpResponse<String> customer = put("/api/v1/carts/" + cartId + "/customer", """
                {"email": "%s", "shippingAddress": {"name": "Camille Martin", "line1": "12 rue des Lilas",
                 "postalCode": "75011", "city": "Paris", "country": "FR"}%s}
                """.formatted(email, company == null ? "" : ", \"company\": " + company));
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        HttpResponse<String> delivery = put("/api/v1/carts/" + cartId + "/delivery", "{\"code\": \"home\"}");
        assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(200);
        HttpResponse<String> placed = http.postJson("/api/v1/carts/" + cartId + "/checkout",
                "{\"acceptTerms\": true, \"payment\": {\"method\": \"card\", \"token\": \"tok_visa\"}}",
                "Idempotency-Key", "inv-" + cartId);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = read(placed).get("order");
        assertThat(order.get("status").asString()).isEqualTo("PAID");
        return order;
    }

    JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private HttpResponse<String> put(String path, String body) {
        return http.send(http.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
