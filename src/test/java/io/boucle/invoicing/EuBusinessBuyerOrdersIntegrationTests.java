package io.boucle.invoicing;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
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

/**
 * A Belgian company with a valid VAT number buys goods sent to Belgium, from the store API to the invoice:
 * 0 %, both VAT numbers, "Exonération de TVA, article 262 ter I du CGI", category K (DOMAIN-RULES §3), and the
 * check of its number kept on the order.
 */
@IntegrationTest
class EuBusinessBuyerOrdersIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Invoicing invoicing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.boucle.staff.StaffAccounts staff;

    @Autowired
    io.boucle.test.MutableClock clock;

    Http http;
    StoreFixtures store;

    @BeforeEach
    void setUp() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        http = new Http(port);
        store = new StoreFixtures(http, json, catalog);
    }

    @Test
    void aBelgianCompanyWithAValidNumberIsInvoicedWithoutVatBothNumbersAndArticle262TerI() throws Exception {
        String sku = store.product("lustre", "240.00", 5);
        String cart = store.newCart();
        assertThat(store.addLine(cart, sku, 2).statusCode()).isEqualTo(200);
        belgianCompanyBuys(cart, "achats");
        JsonNode ready = store.read(store.delivery(cart, "home"));
        assertThat(ready.get("vatNumberCheck").get("status").asString()).isEqualTo("VALID");
        assertThat(new BigDecimal(ready.get("totals").get("totalVat").get("amount").asString())).isEqualByComparingTo("0");
        assertThat(new BigDecimal(ready.get("lines").get(0).get("unitPrice").get("amount").asString()))
                .as("240.00 incl. 20 % shown excl. VAT").isEqualByComparingTo("200.00");
        String total = ready.get("totals").get("total").get("amount").asString();

        HttpResponse<String> placed = store.checkout(cart, "tok_visa", "b2b-" + store.id);

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String number = store.read(placed).get("order").get("number").asString();
        assertThat(jdbc.sql("SELECT company -> 'vatNumberCheck' ->> 'status' FROM orders.customer_order WHERE number = :number")
                .param("number", number).query(String.class).single()).as("the proof of the check, on the order").isEqualTo("VALID");
        assertThat(jdbc.sql("SELECT count(*) FROM orders.distance_sale WHERE order_number = :number").param("number", number)
                .query(Integer.class).single()).as("a supply to a business is no distance sale").isZero();

        assertThat(new io.boucle.test.StaffLogins(staff, port).signedIn(io.boucle.staff.Role.ACCOUNTANT)
                .get("/admin/orders/" + number).body())
                .as("the back office's order page gives the check").contains("Numéro valide (vérifié via offline le");

        Invoice invoice = await().atMost(Duration.ofSeconds(20))
                .until(() -> invoicing.documentsOf(number), found -> !found.isEmpty()).getFirst();

        assertThat(invoice.totals().vat().isZero()).isTrue();
        assertThat(invoice.totals().payable().amount()).isEqualByComparingTo(total);
        assertThat(invoice.vatBreakdown()).singleElement().satisfies(row -> assertThat(row.categoryCode()).isEqualTo("K"));
        assertThat(invoice.mentions()).anySatisfy(mention -> {
            assertThat(mention.kind()).isEqualTo(MentionKind.INTRA_EU_SUPPLY_EXEMPTION);
            assertThat(mention.text()).isEqualTo("Exonération de TVA, article 262 ter I du CGI");
        });
        assertThat(invoice.buyer().vatNumber()).hasValue("BE0123456749");
        assertThat(invoice.seller().vatNumber()).isEqualTo("FR65912345675");
        String text = FacturXTests.text(invoicing.pdf(invoice.number()).orElseThrow());
        assertThat(text).contains("BE0123456749", "FR65912345675", "262 ter I");
        String xml = new String(invoicing.xml(invoice.number()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:CategoryCode>K</ram:CategoryCode>", "BE0123456749");
    }

    @Test
    void aNumberCheckedTheDayBeforeIsCheckedAgainWhenTheOrderIsPlaced() throws Exception {
        java.time.Instant start = clock.instant();
        try {
            String sku = store.product("applique", "90.00", 5);
            String cart = store.newCart();
            assertThat(store.addLine(cart, sku, 1).statusCode()).isEqualTo(200);
            belgianCompanyBuys(cart, "veille");
            String checkedFirst = store.read(store.delivery(cart, "home")).get("vatNumberCheck").get("checkedAt").asString();

            clock.advance(Duration.ofDays(1));
            HttpResponse<String> placed = store.checkout(cart, "tok_visa", "b2b-next-day-" + store.id);

            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            String number = store.read(placed).get("order").get("number").asString();
            String proof = jdbc.sql("SELECT company -> 'vatNumberCheck' ->> 'checkedAt' FROM orders.customer_order WHERE number = :number")
                    .param("number", number).query(String.class).single();
            assertThat(java.time.Instant.parse(proof)).as("the proof kept is of the order's day, not of the day before")
                    .isAfter(java.time.Instant.parse(checkedFirst).plus(Duration.ofHours(23)));
        } finally {
            clock.set(start);
        }
    }

    /** A Belgian company with a valid VAT number gives its details, goods to be sent to Brussels. */
    private void belgianCompanyBuys(String cart, String mailbox) throws Exception {
        HttpResponse<String> details = http.send(http.request("/api/v1/carts/" + cart + "/customer")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"email": "%s-%s@lumen.example", "shippingAddress": {"name": "Lou Peeters", "line1": "Rue Haute 12",
                         "postalCode": "1000", "city": "Bruxelles", "country": "BE"},
                         "company": {"name": "Atelier Lumen SRL", "vatNumber": "BE0123456749"}}
                        """.formatted(mailbox, store.id))).build());
        assertThat(details.statusCode()).as(details.body()).isEqualTo(200);
    }
}
