package io.boucle.checkout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.boucle.catalog.Catalog;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.StockLevel;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class CheckoutApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    GreenMail greenMail;

    Http http;
    StoreFixtures store;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @Test
    void guestBuysWithACardAndTheOrderIsPaidWithItsStockConsumed() {
        String sku = store.product("bol", "12.50", 5);
        String cart = store.newCart();

        JsonNode afterAdd = store.read(store.addLine(cart, sku, 2));
        assertThat(afterAdd.get("lines").get(0).get("total").get("amount").asString()).isEqualTo("25.00");
        JsonNode estimated = afterAdd.get("deliveryOption");
        assertThat(estimated.get("chosen").asBoolean()).as("the delivery cost is shown before checkout").isFalse();
        assertThat(estimated.get("price").get("amount").asString()).isNotBlank();
        assertThat(afterAdd.get("totals").get("vat").get(0).get("rate").decimalValue()).isEqualByComparingTo("20");

        assertThat(store.customer(cart, "camille-" + store.id + "@example.org").statusCode()).isEqualTo(200);
        HttpResponse<String> options = http.get("/api/v1/carts/" + cart + "/delivery-options");
        assertThat(options.statusCode()).isEqualTo(200);
        JsonNode home = java.util.stream.StreamSupport.stream(store.read(options).spliterator(), false)
                .filter(option -> option.get("code").asString().equals("home")).findFirst().orElseThrow();
        assertThat(home.get("estimatedDelivery").get("from").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(store.delivery(cart, "relay").statusCode()).as("a relay needs its point").isEqualTo(400);
        JsonNode ready = store.read(store.delivery(cart, "home"));
        assertThat(ready.get("readyForCheckout").asBoolean()).isTrue();
        String total = ready.get("totals").get("total").get("amount").asString();

        HttpResponse<String> placed = store.checkout(cart, "tok_visa", "key-" + store.id);

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode result = store.read(placed);
        JsonNode order = result.get("order");
        assertThat(order.get("status").asString()).isEqualTo("PAID");
        assertThat(order.get("totals").get("total").get("amount").asString()).isEqualTo(total);
        assertThat(result.get("payment").get("status").asString()).isEqualTo("CAPTURED");
        String number = order.get("number").asString();
        String token = order.get("accessToken").asString();
        assertThat(inventory.levels(java.util.List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 3, 0));

        HttpResponse<String> seen = http.get("/api/v1/orders/" + number + "?accessToken=" + token);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(store.read(seen).get("order").get("status").asString()).isEqualTo("PAID");
        assertThat(http.get("/api/v1/orders/" + number + "?accessToken=wrong").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/orders/" + number).statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(greenMail.getReceivedMessages())
                .anySatisfy(message -> assertThat(message.getSubject()).contains(number)));
        assertThat(store.read(http.get("/api/v1/carts/" + cart)).get("status").asString()).isEqualTo("ORDERED");
        assertThat(store.addLine(cart, sku, 1).statusCode()).as("an ordered cart cannot change").isEqualTo(409);
    }

    @Test
    void theSameIdempotencyKeyPlacesOneOrderAndChargesOnce() {
        String sku = store.product("tasse", "8.00", 10);
        String cart = store.readyCart(sku, 1);
        String key = "same-" + store.id;

        JsonNode first = store.read(store.checkout(cart, "tok_visa", key));
        HttpResponse<String> again = store.checkout(cart, "tok_visa", key);

        assertThat(again.statusCode()).isEqualTo(201);
        JsonNode second = store.read(again);
        assertThat(second.get("order").get("number").asString()).isEqualTo(first.get("order").get("number").asString());
        assertThat(second.get("payment").get("id").asString()).isEqualTo(first.get("payment").get("id").asString());
        assertThat(countOrders(cart)).isEqualTo(1);
        assertThat(inventory.levels(java.util.List.of(sku)).get(sku).onHand()).isEqualTo(9);

        HttpResponse<String> otherBody = store.checkout(cart, "tok_3ds", key);
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(otherBody.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }

    @Test
    void aTotalChangedSinceTheClientShowedItIsRefusedWithTheNewTotalAndNothingWritten() {
        String sku = store.product("theiere", "40.00", 5);
        String cart = store.readyCart(sku, 1);
        JsonNode shown = store.read(http.get("/api/v1/carts/" + cart)).get("totals").get("total");
        String key = "confirmed-" + store.id;
        reprice(("ck-" + store.id + "-theiere").toLowerCase(), "44.00");

        HttpResponse<String> refused = checkout(cart, key, shown.get("amount").asString(), "EUR");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        JsonNode problem = store.read(refused);
        JsonNode now = store.read(http.get("/api/v1/carts/" + cart)).get("totals").get("total");
        assertThat(now.get("amount").asString()).as("the new price is charged").isNotEqualTo(shown.get("amount").asString());
        assertThat(problem.get("type").asString()).endsWith("prices-changed");
        assertThat(problem.get("title").asString()).isEqualTo("Prices changed");
        assertThat(problem.get("total").get("amount").asString()).isEqualTo(now.get("amount").asString());
        assertThat(problem.get("total").get("currency").asString()).isEqualTo("EUR");
        assertThat(problem.get("currency").asString()).isEqualTo("EUR");
        assertThat(problem.get("expectedTotal").get("amount").asString()).isEqualTo(shown.get("amount").asString());
        assertThat(countOrders(cart)).as("no order").isZero();
        assertThat(inventory.levels(java.util.List.of(sku)).get(sku)).as("nothing reserved").isEqualTo(new StockLevel(sku, 5, 0));
        assertThat(store.read(http.get("/api/v1/carts/" + cart)).get("status").asString()).isEqualTo("OPEN");
        assertThat(checkout(cart, key, now.get("amount").asString(), "GBP").statusCode())
                .as("the same amount in another currency than the cart's is another total").isEqualTo(409);

        HttpResponse<String> placed = checkout(cart, key, now.get("amount").asString(), "EUR");

        assertThat(placed.statusCode()).as("the key was not used up: " + placed.body()).isEqualTo(201);
        assertThat(store.read(placed).get("order").get("totals").get("total").get("amount").asString())
                .isEqualTo(now.get("amount").asString());
        assertThat(countOrders(cart)).isEqualTo(1);
        assertThat(inventory.levels(java.util.List.of(sku)).get(sku).onHand()).isEqualTo(4);
        assertThat(checkout(cart, key, now.get("amount").asString(), "EUR").statusCode()).as("replayed").isEqualTo(201);
        assertThat(checkout(cart, key, shown.get("amount").asString(), "EUR").statusCode())
                .as("the same key with another confirmed total is another request").isEqualTo(422);
        assertThat(countOrders(cart)).isEqualTo(1);
    }

    @Test
    void theConfirmedTotalIsOptionalAndMustBeMoney() {
        String sku = store.product("sucrier", "12.00", 3);
        String cart = store.readyCart(sku, 1);
        String total = store.read(http.get("/api/v1/carts/" + cart)).get("totals").get("total").get("amount").asString();

        assertField(checkout(cart, null, "douze", "EUR"), 400, "expectedTotal.amount");
        assertField(checkout(cart, null, total, "XYZ"), 400, "expectedTotal.currency");
        assertField(checkout(cart, null, total, null), 400, "expectedTotal.currency");
        assertThat(countOrders(cart)).isZero();

        HttpResponse<String> placed = checkout(cart, null, total.endsWith("0") ? total.substring(0, total.length() - 1) : total, "EUR");

        assertThat(placed.statusCode()).as("12.5 is 12.50: " + placed.body()).isEqualTo(201);
        assertThat(countOrders(cart)).isEqualTo(1);
    }

    @Test
    void aDeclinedCardCanBeRetriedOnTheSameOrder() {
        String sku = store.product("plat", "30.00", 2);
        String cart = store.readyCart(sku, 1);

        JsonNode declined = store.read(store.checkout(cart, "tok_declined", null));
        assertThat(declined.get("payment").get("status").asString()).isEqualTo("FAILED");
        assertThat(declined.get("payment").get("declineCode").asString()).isEqualTo("card_declined");
        assertThat(declined.get("order").get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        String number = declined.get("order").get("number").asString();
        String token = declined.get("order").get("accessToken").asString();
        assertThat(inventory.levels(java.util.List.of(sku)).get(sku).reserved()).as("held for the retry").isEqualTo(1);

        HttpResponse<String> retried = http.postJson("/api/v1/orders/" + number + "/payments?accessToken=" + token,
                "{\"payment\": {\"method\": \"card\", \"token\": \"tok_visa\"}}", "Idempotency-Key", "retry-" + store.id);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(store.read(retried).get("order").get("status").asString()).isEqualTo("PAID");
        assertThat(inventory.levels(java.util.List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 1, 0));
    }

    @Test
    void badQuantitiesAndUnknownSkusAreRefusedByField() {
        String sku = store.product("verre", "3.00", 4);
        String cart = store.newCart();

        assertField(store.addLine(cart, sku, 0), 400, "quantity");
        assertField(store.addLine(cart, sku, -2), 400, "quantity");
        assertField(store.addLine(cart, "NO-SUCH-" + store.id, 1), 400, "sku");
        HttpResponse<String> tooMany = store.addLine(cart, sku, 5);
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(store.read(tooMany).get("available").asInt()).isEqualTo(4);
        assertThat(store.read(http.get("/api/v1/carts/" + cart)).get("lines").size()).as("nothing was added").isZero();
        assertThat(http.get("/api/v1/carts/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/carts/not-an-id").statusCode()).isEqualTo(404);
    }

    @Test
    void aPriceSentByTheClientIsIgnored() {
        String sku = store.product("carafe", "19.90", 3);
        String cart = store.newCart();

        HttpResponse<String> added = http.postJson("/api/v1/carts/" + cart + "/lines",
                "{\"sku\": \"%s\", \"quantity\": 1, \"unitPrice\": {\"amount\": \"0.01\", \"currency\": \"EUR\"}, \"total\": \"0.01\"}"
                        .formatted(sku));

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(store.read(added).get("lines").get(0).get("unitPrice").get("amount").asString()).isEqualTo("19.90");
    }

    @Test
    void checkoutWithoutAcceptingTheTermsWritesNothing() {
        String sku = store.product("pichet", "15.00", 3);
        String cart = store.readyCart(sku, 1);

        HttpResponse<String> refused = http.postJson("/api/v1/carts/" + cart + "/checkout",
                "{\"acceptTerms\": false, \"payment\": {\"method\": \"card\", \"token\": \"tok_visa\"}}");

        assertField(refused, 400, "acceptTerms");
        assertThat(countOrders(cart)).isZero();
        assertThat(inventory.levels(java.util.List.of(sku)).get(sku).reserved()).isZero();
        assertThat(store.read(http.get("/api/v1/carts/" + cart)).get("status").asString()).isEqualTo("OPEN");
        assertField(http.postJson("/api/v1/carts/" + cart + "/checkout", "{\"acceptTerms\": true, \"payment\": {\"method\": \"cheque\"}}"),
                400, "payment.method");
    }

    @Test
    void aCartWithoutCustomerOrDeliveryCannotBeOrdered() {
        String sku = store.product("nappe", "22.00", 3);
        String cart = store.newCart();
        store.addLine(cart, sku, 1);

        HttpResponse<String> refused = store.checkout(cart, "tok_visa", null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(store.read(refused).get("problems").toString()).contains("customer").contains("delivery");
        assertThat(countOrders(cart)).isZero();
    }

    @Test
    void anIdleCartExpires() {
        String sku = store.product("saladier", "9.00", 3);
        String cart = store.newCart();
        jdbc.sql("UPDATE cart.cart SET last_activity_at = last_activity_at - INTERVAL '31 days' WHERE id = :id")
                .param("id", UUID.fromString(cart)).update();

        assertThat(http.get("/api/v1/carts/" + cart).statusCode()).isEqualTo(410);
        assertThat(store.addLine(cart, sku, 1).statusCode()).isEqualTo(410);
        assertThat(store.checkout(cart, "tok_visa", null).statusCode()).isEqualTo(410);
    }

    @Test
    void anInvalidAddressOrCompanyIsRefusedByField() {
        String cart = store.newCart();
        HttpResponse<String> badPostalCode = http.send(http.request("/api/v1/carts/" + cart + "/customer")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"email": "a@example.org", "shippingAddress": {"name": "A", "line1": "1 rue", "postalCode": "7501",
                         "city": "Paris", "country": "FR"}}""")).build());
        assertField(badPostalCode, 400, "shippingAddress.postalCode");
        HttpResponse<String> badSiren = http.send(http.request("/api/v1/carts/" + cart + "/customer")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"email": "a@example.org", "shippingAddress": {"name": "A", "line1": "1 rue", "postalCode": "75011",
                         "city": "Paris", "country": "FR"}, "company": {"name": "ACME", "siren": "123456789"}}""")).build());
        assertField(badSiren, 400, "company.siren");
        assertField(store.customer(cart, "not-an-email"), 400, "email");
    }

    private HttpResponse<String> checkout(String cart, String key, String amount, String currency) {
        String expected = currency == null ? "{\"amount\": \"%s\"}".formatted(amount)
                : "{\"amount\": \"%s\", \"currency\": \"%s\"}".formatted(amount, currency);
        String body = "{\"acceptTerms\": true, \"payment\": {\"method\": \"card\", \"token\": \"tok_visa\"}, \"expectedTotal\": "
                + expected + "}";
        return key == null ? http.postJson("/api/v1/carts/" + cart + "/checkout", body)
                : http.postJson("/api/v1/carts/" + cart + "/checkout", body, "Idempotency-Key", key);
    }

    /** The product's variants now cost {@code price} euros. */
    private void reprice(String slug, String price) {
        io.boucle.catalog.NewProduct product = catalog.editable(slug).orElseThrow();
        catalog.update(slug, new io.boucle.catalog.NewProduct(product.slug(), product.categorySlug(), product.brandSlug(),
                product.taxCategory(), product.title(), product.description(), product.variants().stream()
                        .map(variant -> new io.boucle.catalog.NewProduct.NewVariant(variant.sku(), variant.title(),
                                io.boucle.shared.Money.euros(price), variant.weightGrams(), variant.barcode())).toList(),
                product.attributes(), product.secondHand(), product.featured(), product.publish(), product.metaTitle(),
                product.metaDescription()));
    }

    private long countOrders(String cart) {
        return jdbc.sql("SELECT count(*) FROM orders.customer_order WHERE cart_id = :cart")
                .param("cart", UUID.fromString(cart)).query(Long.class).single();
    }

    private void assertField(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(store.read(response).get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
