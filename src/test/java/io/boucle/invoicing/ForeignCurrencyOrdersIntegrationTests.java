package io.boucle.invoicing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.order.OrderExchange;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.payment.PaymentView;
import io.boucle.payment.Payments;
import io.boucle.pricing.ExchangeRates;
import io.boucle.shared.ExchangeRate;
import io.boucle.shared.Money;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders charged in pounds, dollars or francs, from the store API to the invoice: the cart converted at the rate
 * in force, the order and its payment in that currency at that rate, the invoice stating its VAT total in euros,
 * credit notes and refunds at the order's rate.
 */
@IntegrationTest
class ForeignCurrencyOrdersIntegrationTests {

    static final Currency GBP = Currency.getInstance("GBP");
    static final Currency CHF = Currency.getInstance("CHF");

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Orders orders;

    @Autowired
    Payments payments;

    @Autowired
    ExchangeRates rates;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffAccounts staff;

    Http http;
    StoreFixtures store;

    @BeforeEach
    void setUp() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        // The sample rates, in force from a day long past unless a later rate was imported.
        rates.importEcb(sample(), "sample for tests");
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @Test
    void aCartInPoundsIsOrderedPaidAndInvoicedInPoundsWithItsVatTotalInEuros() throws Exception {
        ExchangeRate rate = rates.current(GBP).orElseThrow();
        String sku = store.product("theiere", "34.90", 5);
        HttpResponse<String> created = http.postJson("/api/v1/carts", "{\"currency\": \"GBP\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String cart = store.read(created).get("id").asString();
        assertThat(store.addLine(cart, sku, 2).statusCode()).isEqualTo(200);
        assertThat(store.customer(cart, "pounds-" + store.id + "@example.org").statusCode()).isEqualTo(200);
        JsonNode ready = store.read(store.delivery(cart, "home"));

        assertThat(ready.get("currency").asString()).isEqualTo("GBP");
        assertThat(ready.get("exchangeRate").get("rate").decimalValue()).isEqualByComparingTo(rate.rate());
        assertThat(ready.get("exchangeRate").get("date").asString()).isEqualTo(rate.date().toString());
        assertThat(ready.get("lines").get(0).get("unitPrice").get("currency").asString()).as("catalog prices in euros")
                .isEqualTo("EUR");
        JsonNode totals = ready.get("totals");
        JsonNode euros = ready.get("totalsInEuros");
        assertThat(totals.get("total").get("currency").asString()).isEqualTo("GBP");
        assertThat(euros.get("total").get("currency").asString()).isEqualTo("EUR");
        Money eurosTotal = money(euros.get("total"));
        Money poundsTotal = money(totals.get("total"));
        assertThat(poundsTotal.minus(rate.fromEuros(eurosTotal)).abs().minorUnits())
                .as("the total converted line by line is within a penny per line of the euro total converted").isLessThanOrEqualTo(2);
        assertThat(money(totals.get("subtotal")).minus(money(totals.get("discount"))).plus(money(totals.get("delivery"))))
                .as("the converted totals add up").isEqualTo(poundsTotal);

        HttpResponse<String> placed = store.checkout(cart, "tok_visa", "gbp-" + store.id);

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = store.read(placed).get("order");
        JsonNode payment = store.read(placed).get("payment");
        assertThat(order.get("status").asString()).isEqualTo("PAID");
        assertThat(order.get("currency").asString()).isEqualTo("GBP");
        assertThat(order.get("exchangeRate").get("rate").decimalValue()).isEqualByComparingTo(rate.rate());
        assertThat(money(order.get("totals").get("total"))).isEqualTo(poundsTotal);
        assertThat(order.get("lines").get(0).get("total").get("currency").asString()).isEqualTo("GBP");
        assertThat(payment.get("status").asString()).isEqualTo("CAPTURED");
        assertThat(money(payment.get("amount"))).as("charged in pounds, the order's total").isEqualTo(poundsTotal);
        String number = order.get("number").asString();
        OrderExchange exchange = orders.exchange(new OrderNumber(number)).orElseThrow();
        assertThat(exchange.rate()).isEqualTo(rate);
        assertThat(exchange.vatInEuros().totals().payable()).isEqualTo(eurosTotal);
        assertThat(new StaffLogins(staff, port).signedIn(Role.ACCOUNTANT).get("/admin/orders/" + number).body())
                .as("the back office's order page gives the rate").contains("Commande en GBP, convertie au cours de référence du "
                        + rate.date().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " (1 € = "
                        + rate.rate().toPlainString() + " GBP)");

        Invoice invoice = await().atMost(Duration.ofSeconds(20))
                .until(() -> invoicing.documentsOf(number), found -> !found.isEmpty()).getFirst();

        assertThat(invoice.currency()).isEqualTo(GBP);
        assertThat(invoice.totals().payable()).isEqualTo(poundsTotal);
        assertThat(invoice.payment().orElseThrow().amount()).isEqualTo(poundsTotal);
        assertThat(invoice.taxCurrency()).hasValueSatisfying(tax -> {
            assertThat(tax.rate()).isEqualTo(rate);
            assertThat(tax.vatInEuros()).as("the VAT assessed in euros").isEqualTo(exchange.vatInEuros().totals().vat());
        });
        assertThat(invoicing.verifyChain().isIntact()).isTrue();
        byte[] pdf = invoicing.pdf(invoice.number()).orElseThrow();
        FacturXTests.assertValid(FacturXTests.validate(pdf, "gbp.pdf"));
        String xml = new String(invoicing.xml(invoice.number()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:InvoiceCurrencyCode>GBP</ram:InvoiceCurrencyCode>",
                "<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>",
                "<ram:TaxTotalAmount currencyID=\"EUR\">" + exchange.vatInEuros().totals().vat().amount().toPlainString());
        assertThat(FacturXTests.text(pdf)).contains("Total TVA en EUR", "GBP");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT total FROM analytics.order_fact WHERE order_number = :number").param("number", number)
                .query(java.math.BigDecimal.class).optional())
                .as("the KPIs count euros, at the order's rate").hasValueSatisfying(total ->
                        assertThat(total).isEqualByComparingTo(rate.toEuros(poundsTotal).amount())));
    }

    @Test
    void aCancelledOrderInFrancsIsCreditedAndRefundedAtItsOwnRateNotTodays() {
        ExchangeRate rate = rates.current(CHF).orElseThrow();
        String sku = store.product("vase", "59.00", 5);
        String cart = store.readyCart(sku, 1);
        HttpResponse<String> chosen = http.send(http.request("/api/v1/carts/" + cart + "/currency")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"currency\": \"chf\"}")).build());
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(store.read(chosen).get("totals").get("total").get("currency").asString()).isEqualTo("CHF");
        JsonNode order = store.read(store.checkout(cart, "tok_visa", "chf-" + store.id)).get("order");
        String number = order.get("number").asString();
        Invoice invoice = await().atMost(Duration.ofSeconds(20))
                .until(() -> invoicing.documentsOf(number), found -> !found.isEmpty()).getFirst();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        try {
            // A new rate of the day, after the order: the order keeps the one it was placed at.
            rates.importEcb(StoreRates.day(today, "CHF", rate.rate().add(new java.math.BigDecimal("0.25"))), "new rate");

            orders.cancel(new OrderNumber(number), "Rupture chez le fournisseur");

            Invoice note = await().atMost(Duration.ofSeconds(20))
                    .until(() -> invoicing.documentsOf(number), found -> found.stream().anyMatch(Invoice::isCreditNote))
                    .stream().filter(Invoice::isCreditNote).findFirst().orElseThrow();
            assertThat(note.currency()).isEqualTo(CHF);
            assertThat(note.totals().payable()).isEqualTo(invoice.totals().payable());
            assertThat(note.taxCurrency()).hasValueSatisfying(tax -> {
                assertThat(tax.rate()).as("the order's rate").isEqualTo(rate);
                assertThat(tax.vatInEuros()).as("credited in full: the invoice's VAT in euros")
                        .isEqualTo(invoice.taxCurrency().orElseThrow().vatInEuros());
            });
            List<PaymentView> paid = payments.forReference(number);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(payments.forReference(number))
                    .anySatisfy(payment -> assertThat(payment.refunded()).isEqualTo(invoice.totals().payable())));
            assertThat(paid).allSatisfy(payment -> assertThat(payment.amount().currency()).isEqualTo(CHF));
            FacturXTests.assertValid(FacturXTests.validate(invoicing.pdf(note.number()).orElseThrow(), "chf-credit.pdf"));
            assertThat(invoicing.verifyChain().isIntact()).isTrue();
        } finally {
            jdbc.sql("DELETE FROM pricing.exchange_rate WHERE currency = 'CHF' AND rate_date = :today")
                    .param("today", java.sql.Date.valueOf(today)).update();
        }
    }

    @Test
    void aCurrencyNotOfferedIsRefusedAndNothingIsWritten() {
        long carts = jdbc.sql("SELECT count(*) FROM cart.cart").query(Long.class).single();

        for (String body : List.of("{\"currency\": \"SEK\"}", "{\"currency\": \"XYZ\"}", "{\"currency\": \"pounds\"}")) {
            HttpResponse<String> refused = http.postJson("/api/v1/carts", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
            assertThat(refused.body()).contains("currency");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM cart.cart").query(Long.class).single()).isEqualTo(carts);

        String cart = store.newCart();
        HttpResponse<String> changed = http.send(http.request("/api/v1/carts/" + cart + "/currency")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"currency\": \"JPY\"}")).build());
        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(changed.body()).contains("not offered");
        assertThat(store.read(http.get("/api/v1/carts/" + cart)).get("currency").asString()).isEqualTo("EUR");
        assertThat(store.read(http.get("/api/v1/carts/" + cart)).get("exchangeRate").isNull()).isTrue();
    }

    private static Money money(JsonNode money) {
        return Money.of(money.get("amount").asString(), money.get("currency").asString());
    }

    private static byte[] sample() {
        try (InputStream in = new ClassPathResource("exchange-rates/eurofxref-daily-sample.xml").getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ECB files of one day, for tests. */
    static final class StoreRates {

        static byte[] day(LocalDate day, String currency, java.math.BigDecimal rate) {
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                    <gesmes:subject>Reference rates</gesmes:subject>
                    <Cube><Cube time="%s"><Cube currency="%s" rate="%s"/></Cube></Cube>
                    </gesmes:Envelope>
                    """.formatted(day, currency, rate.toPlainString()).strip().getBytes(StandardCharsets.UTF_8);
        }
    }
}
