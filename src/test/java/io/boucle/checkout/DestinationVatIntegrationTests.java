package io.boucle.checkout;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.boucle.catalog.Catalog;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * VAT that follows the delivery through the store API: exports shown and charged without VAT, the EU distance
 * sales counted order by order until the sale that crosses EUR 10,000 is taxed at destination, and a business
 * buyer's VAT number checked on the cart. Sales to other member states are placed in years of their own (the
 * distance sales are counted per calendar year), with a card that is declined so no invoice is issued then.
 */
@IntegrationTest
class DestinationVatIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Orders orders;

    @Autowired
    MutableClock clock;

    Http http;
    StoreFixtures store;
    Instant start;

    @BeforeEach
    void setUp() {
        start = clock.instant();
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @AfterEach
    void restoreClock() {
        clock.set(start);
    }

    @Test
    void aCartForTheUnitedStatesShowsPricesWithoutVat() {
        String sku = store.product("lampe", "120.00", 5);
        HttpResponse<String> created = http.postJson("/api/v1/carts", "{\"country\": \"US\"}");
        String cart = store.read(created).get("id").asString();

        JsonNode priced = store.read(store.addLine(cart, sku, 2));

        JsonNode line = priced.get("lines").get(0);
        assertThat(amount(line.get("unitPrice"))).as("120.00 incl. 20 %, exported: 100.00").isEqualByComparingTo("100.00");
        assertThat(amount(line.get("total"))).isEqualByComparingTo("200.00");
        JsonNode totals = priced.get("totals");
        assertThat(amount(totals.get("subtotal"))).isEqualByComparingTo("200.00");
        assertThat(amount(totals.get("totalVat"))).isEqualByComparingTo("0.00");
        assertThat(amount(totals.get("total"))).isEqualByComparingTo("200.00");
        assertThat(totals.get("vat").get(0).get("rate").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void anOrderToGuadeloupeIsShownAndChargedWithoutVatItsLinesAndTotalsAgreeing() {
        String sku = store.product("tasse", "24.00", 5);
        String cart = store.newCart();
        assertThat(store.addLine(cart, sku, 2).statusCode()).isEqualTo(200);
        assertThat(customer(cart, "Pointe-à-Pitre", "97110", "FR", null).statusCode()).isEqualTo(200);
        JsonNode ready = store.read(store.delivery(cart, "home"));

        JsonNode line = ready.get("lines").get(0);
        assertThat(amount(line.get("unitPrice"))).isEqualByComparingTo("20.00");
        JsonNode totals = ready.get("totals");
        assertThat(amount(totals.get("totalVat"))).isEqualByComparingTo("0.00");
        assertAddsUp(totals);
        BigDecimal total = amount(totals.get("total"));
        BigDecimal delivery = amount(totals.get("delivery"));
        assertThat(amount(totals.get("subtotal"))).isEqualByComparingTo("40.00");
        assertThat(delivery.signum()).as("delivery is free from 60.00 of goods only").isPositive();
        assertThat(delivery).as("the delivery's price excl. VAT").isLessThan(amount(ready.get("deliveryOption").get("price")));

        HttpResponse<String> placed = store.checkout(cart, "tok_visa", "gp-" + store.id);

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = store.read(placed).get("order");
        assertThat(amount(order.get("totals").get("total"))).isEqualByComparingTo(total);
        assertThat(amount(order.get("lines").get(0).get("unitPrice"))).isEqualByComparingTo("20.00");
        assertThat(amount(order.get("lines").get(0).get("total"))).isEqualByComparingTo("40.00");
        assertThat(amount(store.read(placed).get("payment").get("amount"))).isEqualByComparingTo(total);
        assertThat(orders.vatAssessment(new OrderNumber(order.get("number").asString())).orElseThrow().totals().payable().amount())
                .isEqualByComparingTo(total);
        assertThat(distanceSales(order.get("number").asString())).as("an export is not a distance sale").isNull();
    }

    @Test
    void theOrderThatTakesTheYearsDistanceSalesOverTenThousandEurosIsTaxedInGermanyAndSoIsNextYear() {
        clock.set(Instant.parse("2022-03-10T09:00:00Z"));
        String big = store.product("armoire", "1140.00", 20);
        String small = store.product("fauteuil", "720.00", 20);

        // EUR 9,500 excl. VAT to Germany: under the threshold, French VAT (free delivery above EUR 60).
        JsonNode first = placeIn("DE", "Berlin", "10115", big, 10);
        assertThat(first.get("cart").get("totals").get("vat").get(0).get("rate").decimalValue()).isEqualByComparingTo("20");
        assertThat(amount(first.get("cart").get("lines").get(0).get("unitPrice"))).isEqualByComparingTo("1140.00");
        assertThat(first.get("order").get("lines").get(0).get("vatRate").decimalValue()).isEqualByComparingTo("20");
        assertThat(distanceSales(number(first))).isEqualByComparingTo("9500.00");

        // The carts' estimate is renewed every minute.
        clock.advance(Duration.ofMinutes(2));
        // 9,500 so far, a new EUR 600 excl. VAT order to Germany: German 19 % applies to this order.
        JsonNode crossing = placeIn("DE", "Berlin", "10115", small, 1);
        JsonNode shown = crossing.get("cart");
        assertThat(amount(shown.get("lines").get(0).get("unitPrice"))).as("600.00 excl. VAT at 19 %").isEqualByComparingTo("714.00");
        assertThat(shown.get("totals").get("vat").get(0).get("rate").decimalValue()).isEqualByComparingTo("19");
        assertThat(amount(shown.get("totals").get("totalVat"))).isEqualByComparingTo("114.00");
        assertAddsUp(shown.get("totals"));
        JsonNode order = crossing.get("order");
        assertThat(order.get("lines").get(0).get("vatRate").decimalValue()).isEqualByComparingTo("19");
        assertThat(amount(order.get("totals").get("total"))).isEqualByComparingTo("714.00");
        assertThat(orders.vatAssessment(new OrderNumber(number(crossing))).orElseThrow().ossCountry())
                .hasValueSatisfying(country -> assertThat(country.code()).isEqualTo("DE"));
        assertThat(distanceSales(number(crossing))).as("counted as it would be invoiced in France").isEqualByComparingTo("600.00");

        // Next year starts above the threshold: destination VAT from the first sale, in Italy at 22 %.
        clock.set(Instant.parse("2023-02-01T09:00:00Z"));
        JsonNode nextYear = placeIn("IT", "Roma", "00184", small, 1);
        assertThat(nextYear.get("order").get("lines").get(0).get("vatRate").decimalValue()).isEqualByComparingTo("22");
        assertThat(amount(nextYear.get("order").get("totals").get("total"))).isEqualByComparingTo("732.00");
    }

    @Test
    void aCancelledOrderNoLongerCountsTowardsTheThresholdAndTwoOrdersAtOnceCannotBothStayUnderIt() throws Exception {
        clock.set(Instant.parse("2024-05-10T09:00:00Z"));
        String big = store.product("buffet", "1140.00", 20);
        String small = store.product("chaise", "720.00", 20);
        JsonNode first = placeIn("BE", "Bruxelles", "1000", big, 10);
        assertThat(distanceSales(number(first))).isEqualByComparingTo("9500.00");

        orders.cancel(new OrderNumber(number(first)), "Client injoignable");

        JsonNode next = placeIn("BE", "Bruxelles", "1000", small, 1);
        assertThat(next.get("order").get("lines").get(0).get("vatRate").decimalValue())
                .as("600.00 so far this year: French VAT").isEqualByComparingTo("20");
        assertThat(amount(next.get("order").get("totals").get("total"))).isEqualByComparingTo("720.00");

        // 600 + 8,550 = 9,150 so far; two orders of 600 placed at once: the first stays French, the second crosses.
        placeIn("BE", "Bruxelles", "1000", big, 9);
        String[] carts = {readyCart("BE", "Bruxelles", "1000", small), readyCart("BE", "Bruxelles", "1000", small)};
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try (java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> placed = java.util.Arrays.stream(carts)
                    .map(cart -> both.submit(() -> {
                        go.await();
                        return store.checkout(cart, "tok_declined", null);
                    })).toList();
            go.countDown();
            java.util.List<BigDecimal> rates = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<HttpResponse<String>> response : placed) {
                HttpResponse<String> answer = response.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                rates.add(store.read(answer).get("order").get("lines").get(0).get("vatRate").decimalValue());
            }
            assertThat(rates).as("one at 20 % (9,750), the other at Belgium's 21 % (10,350)")
                    .usingElementComparator(BigDecimal::compareTo).containsExactlyInAnyOrder(new BigDecimal("20"), new BigDecimal("21"));
        }
    }

    @Test
    void aBusinessBuyersVatNumberIsCheckedOnTheCartAndAnInvalidOneLeavesFrenchVatWithANote() {
        String sku = store.product("miroir", "120.00", 5);
        String valid = store.newCart();
        store.addLine(valid, sku, 1);

        JsonNode exempt = store.read(customer(valid, "Bruxelles", "1000", "BE", "BE 0123.456.749"));

        assertThat(exempt.get("vatNumberCheck").get("status").asString()).isEqualTo("VALID");
        assertThat(exempt.get("vatNumberCheck").get("vatNumber").asString()).isEqualTo("BE0123456749");
        assertThat(exempt.get("vatNumberCheck").get("source").asString()).isEqualTo("offline");
        assertThat(exempt.get("vatNumberCheck").get("checkedAt").asString()).isNotBlank();
        assertThat(exempt.get("vatNote").asString()).contains("262 ter I");
        assertThat(amount(exempt.get("lines").get(0).get("unitPrice"))).isEqualByComparingTo("100.00");
        assertThat(amount(exempt.get("totals").get("totalVat"))).isEqualByComparingTo("0.00");

        String invalid = store.newCart();
        store.addLine(invalid, sku, 1);
        HttpResponse<String> refused = customer(invalid, "Bruxelles", "1000", "BE", "BE0123456748");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        JsonNode french = store.read(refused);
        assertThat(french.get("vatNumberCheck").get("status").asString()).isEqualTo("INVALID");
        assertThat(french.get("vatNote").asString()).contains("not valid", "French VAT applies");
        assertThat(amount(french.get("lines").get(0).get("unitPrice"))).isEqualByComparingTo("120.00");
        assertThat(french.get("totals").get("vat").get(0).get("rate").decimalValue()).isEqualByComparingTo("20");

        // A valid number of another member state, goods staying in France: French VAT, no exemption claimed.
        String home = store.newCart();
        store.addLine(home, sku, 1);
        JsonNode inFrance = store.read(customer(home, "Paris", "75011", "FR", "BE0123456749"));
        assertThat(inFrance.get("vatNumberCheck").get("status").asString()).isEqualTo("VALID");
        assertThat(inFrance.get("vatNote").isNull()).isTrue();
        assertThat(inFrance.get("totals").get("vat").get(0).get("rate").decimalValue()).isEqualByComparingTo("20");
    }

    @Test
    void aFrenchRegisteredCompanyPaysFrenchVatOnGoodsSentToAnotherMemberStateAndMakesNoDistanceSale() {
        clock.set(Instant.parse("2021-09-10T09:00:00Z"));
        String sku = store.product("console", "120.00", 5);
        String cart = store.newCart();
        store.addLine(cart, sku, 1);
        JsonNode details = store.read(customer(cart, "Berlin", "10115", "DE", "FR65912345675"));
        assertThat(details.get("vatNumberCheck").isNull()).as("French numbers are not sent to VIES").isTrue();
        assertThat(details.get("vatNote").isNull()).isTrue();
        assertThat(store.delivery(cart, "home").statusCode()).isEqualTo(200);

        HttpResponse<String> placed = store.checkout(cart, "tok_declined", null);

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = store.read(placed).get("order");
        assertThat(order.get("lines").get(0).get("vatRate").decimalValue()).isEqualByComparingTo("20");
        assertThat(distanceSales(order.get("number").asString())).as("a sale to a business is no distance sale").isNull();
    }

    @Test
    void theNoteOnANumberThatDoesNotExemptSaysWhichVatAppliesAndNumbersFromOutsideTheEuAreNotChecked() {
        String sku = store.product("horloge", "120.00", 5);
        String export = store.newCart();
        store.addLine(export, sku, 1);
        JsonNode toSwitzerland = store.read(customer(export, "Genève", "1201", "CH", "BE0123456748"));
        assertThat(toSwitzerland.get("vatNumberCheck").get("status").asString()).isEqualTo("INVALID");
        assertThat(toSwitzerland.get("vatNote").asString()).contains("not valid", "no VAT applies").doesNotContain("French VAT");
        assertThat(amount(toSwitzerland.get("totals").get("totalVat"))).isEqualByComparingTo("0.00");

        String swiss = store.newCart();
        store.addLine(swiss, sku, 1);
        JsonNode swissCompany = store.read(customer(swiss, "Genève", "1201", "CH", "CHE123456789"));
        assertThat(swissCompany.get("vatNumberCheck").isNull()).as("VIES knows only EU numbers").isTrue();
        assertThat(swissCompany.get("vatNote").isNull()).isTrue();
    }

    @Test
    void theCrossingIsKeptInTheDatabaseAndACancellationThatBringsTheYearBackUnderTheThresholdUndoesIt() {
        clock.set(Instant.parse("2025-03-10T09:00:00Z"));
        String big = store.product("commode", "1140.00", 20);
        String small = store.product("tabouret", "720.00", 20);
        placeIn("AT", "Wien", "1010", big, 10);
        clock.advance(Duration.ofMinutes(2));
        JsonNode crossing = placeIn("AT", "Wien", "1010", small, 1);
        assertThat(orders.vatAssessment(new OrderNumber(number(crossing))).orElseThrow().ossCountry()).isPresent();
        assertThat(jdbc.sql("SELECT crossed_by FROM orders.distance_sales_year WHERE year = 2025").query(String.class).optional())
                .as("the crossing, for every node").hasValue(number(crossing));

        orders.cancel(new OrderNumber(number(crossing)), "Commande annulée par le client");

        assertThat(jdbc.sql("SELECT count(*) FROM orders.distance_sales_year WHERE year = 2025").query(Integer.class).single())
                .as("9,500 again: under the threshold").isZero();
        clock.advance(Duration.ofMinutes(2));
        JsonNode after = placeIn("AT", "Wien", "1010", small, 1);
        assertThat(orders.vatAssessment(new OrderNumber(number(after))).orElseThrow().ossCountry())
                .as("10,100 again: this one crosses").isPresent();
        assertThat(jdbc.sql("SELECT crossed_by FROM orders.distance_sales_year WHERE year = 2025").query(String.class).optional())
                .hasValue(number(after));
        orders.cancel(new OrderNumber(number(after)), "Commande annulée par le client");
        clock.advance(Duration.ofMinutes(2));
        String one = store.product("tabouret-bas", "120.00", 20);
        JsonNode french = placeIn("AT", "Wien", "1010", one, 1);
        assertThat(orders.vatAssessment(new OrderNumber(number(french))).orElseThrow().ossCountry())
                .as("9,600 so far: French VAT again, not remembered by this node").isEmpty();
        assertThat(french.get("order").get("lines").get(0).get("vatRate").decimalValue()).isEqualByComparingTo("20");
    }

    @Test
    void theUpgradeCountsTheDistanceSalesOfOrdersPlacedBeforeTheLedgerThisYearAndLast() throws Exception {
        clock.set(Instant.now());
        String sku = store.product("lampe", "120.00", 5);
        JsonNode placed = placeIn("NL", "Amsterdam", "1011", sku, 1);
        String number = number(placed);
        BigDecimal counted = distanceSales(number);
        assertThat(counted).isPositive();
        jdbc.sql("DELETE FROM orders.distance_sale WHERE order_number = :number").param("number", number).update();
        String migration = new String(getClass().getResourceAsStream(
                "/db/migration/orders/V7__distance_sales_backfill_and_years.sql").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String backfill = migration.substring(migration.indexOf("INSERT INTO distance_sale"), migration.indexOf(';') + 1)
                .replace("INTO distance_sale", "INTO orders.distance_sale").replace("FROM customer_order", "FROM orders.customer_order");

        jdbc.sql(backfill).update();

        assertThat(distanceSales(number)).as("from the order's stored assessment").isEqualByComparingTo(counted);
    }

    /** A cart of one {@code sku} for a consumer there, with home delivery. */
    private String readyCart(String country, String city, String postalCode, String sku) {
        String cart = store.newCart();
        assertThat(store.addLine(cart, sku, 1).statusCode()).isEqualTo(200);
        assertThat(customer(cart, city, postalCode, country, null).statusCode()).isEqualTo(200);
        assertThat(store.delivery(cart, "home").statusCode()).isEqualTo(200);
        return cart;
    }

    /** Orders {@code quantity} of {@code sku} to a consumer there, with a declined card; the cart as shown, and the order. */
    private JsonNode placeIn(String country, String city, String postalCode, String sku, int quantity) {
        String cart = store.newCart();
        HttpResponse<String> added = store.addLine(cart, sku, quantity);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        HttpResponse<String> details = customer(cart, city, postalCode, country, null);
        assertThat(details.statusCode()).as(details.body()).isEqualTo(200);
        HttpResponse<String> ready = store.delivery(cart, "home");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        HttpResponse<String> placed = store.checkout(cart, "tok_declined", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = store.read(placed).get("order");
        assertThat(order.get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        return json.createObjectNode().set("cart", store.read(ready)).set("order", order);
    }

    private HttpResponse<String> customer(String cart, String city, String postalCode, String country, String vatNumber) {
        String company = vatNumber == null ? "" : ", \"company\": {\"name\": \"Atelier Lumen\", \"vatNumber\": \"%s\"}".formatted(vatNumber);
        return http.send(http.request("/api/v1/carts/" + cart + "/customer").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"email": "dest-%s@example.org", "shippingAddress": {"name": "Alex Morel", "line1": "1 Grand-Rue",
                         "postalCode": "%s", "city": "%s", "country": "%s"}%s}
                        """.formatted(store.id, postalCode, city, country, company))).build());
    }

    private BigDecimal distanceSales(String orderNumber) {
        return jdbc.sql("SELECT amount FROM orders.distance_sale WHERE order_number = :number").param("number", orderNumber)
                .query(BigDecimal.class).optional().orElse(null);
    }

    private static String number(JsonNode placed) {
        return placed.get("order").get("number").asString();
    }

    private static BigDecimal amount(JsonNode money) {
        return new BigDecimal(money.get("amount").asString());
    }

    private static void assertAddsUp(JsonNode totals) {
        assertThat(amount(totals.get("subtotal")).subtract(amount(totals.get("discount"))).add(amount(totals.get("delivery"))))
                .as("subtotal − discount + delivery = total").isEqualByComparingTo(amount(totals.get("total")));
    }
}
