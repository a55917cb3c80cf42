package io.boucle.returns;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import io.boucle.test.StaffLogins;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The return slip: emailed link, the customer's account, the staff; nobody else. */
@IntegrationTest
class ReturnSlipIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Value("${boucle.public-url}")
    String publicUrl;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Returns returns;

    @Autowired
    Orders orders;

    @Autowired
    StaffAccounts staff;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    StoreFixtures store;
    StaffLogins logins;
    ReturnFixtures fixtures;
    Http http;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        store = new StoreFixtures(new Http(port), json, catalog);
        logins = new StaffLogins(staff, port);
        fixtures = new ReturnFixtures(store, orders, returns, events, transactions);
        http = new Http(port);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void theWithdrawalEmailLinksToAPrintableSlipWithTheReturnTheOrderTheAddressAndTheWarehouseCode() throws IOException {
        String sku = store.product("bordereau", "21.00", 10);
        OrderView order = fixtures.paid(sku);
        OrderView other = fixtures.paid(sku);
        fixtures.delivered(order, Instant.now(clock));
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        String path = "/commande/" + order.number() + "/retours/" + withdrawal.number() + "/bordereau.pdf";

        String mail = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                        SELECT body_text FROM messaging.message WHERE reference = :n AND template = 'withdrawal-acknowledgment'""")
                .param("n", order.number().value()).query(String.class).optional(), found -> found.isPresent()).orElseThrow();
        assertThat(mail).contains(publicUrl + path + "?t=" + order.accessToken());

        HttpResponse<byte[]> slip = bytes(http, path + "?t=" + order.accessToken());
        assertThat(slip.statusCode()).isEqualTo(200);
        assertThat(slip.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        String text = text(slip.body());
        assertThat(text).contains("Bordereau de retour " + withdrawal.number()).contains("Commande " + order.number())
                .contains("Code entrepôt").contains("*" + withdrawal.number() + "*").contains("Renvoyer à")
                .contains(sku).contains("Article bordereau").contains("rétractation");

        assertThat(bytes(http, path + "?t=wrong").statusCode()).as("a wrong token").isEqualTo(404);
        assertThat(bytes(http, path).statusCode()).as("no token, not signed in").isEqualTo(404);
        assertThat(bytes(http, "/commande/" + other.number() + "/retours/" + withdrawal.number() + "/bordereau.pdf?t="
                + other.accessToken()).statusCode()).as("another order's token").isEqualTo(404);
        assertThat(bytes(http, "/commande/" + order.number() + "/retours/R2020-999999/bordereau.pdf?t="
                + order.accessToken()).statusCode()).as("no such return").isEqualTo(404);
    }

    @Test
    void theStaffDownloadTheSlipAndStrangersDoNot() throws IOException {
        String sku = store.product("bordereau-bo", "17.00", 10);
        OrderView order = fixtures.paid(sku);
        fixtures.delivered(order, Instant.now(clock));
        CustomerReturn defect = returns.reportDefect(order, ReturnRequest.everything("the handle broke"), "WEB", null);

        Http accountant = logins.signedIn(Role.ACCOUNTANT);
        assertThat(accountant.get("/admin/returns/" + defect.id()).body()).contains("/admin/returns/" + defect.id() + "/slip.pdf");
        HttpResponse<byte[]> slip = bytes(accountant, "/admin/returns/" + defect.id() + "/slip.pdf");
        assertThat(slip.statusCode()).isEqualTo(200);
        assertThat(text(slip.body())).contains(defect.number()).contains("défaut de conformité")
                .contains("Les frais de retour sont à la charge de la boutique.");
        assertThat(bytes(http, "/admin/returns/" + defect.id() + "/slip.pdf").statusCode()).as("not signed in")
                .isNotEqualTo(200);
        assertThat(bytes(accountant, "/admin/returns/" + UUID.randomUUID() + "/slip.pdf").statusCode()).isEqualTo(404);
    }

    @Test
    void aCustomerDownloadsTheirSlipFromTheirAccountAndAnotherCustomerCannot() {
        String sku = store.product("bordereau-compte", "26.00", 10);
        Http owner = customer("owner");
        OrderNumber number = placeSignedIn(owner, sku);
        OrderView order = orders.markPaid(number, "pay-" + store.id);
        fixtures.delivered(order, Instant.now(clock));
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        String path = "/commande/" + number + "/retours/" + withdrawal.number() + "/bordereau.pdf";

        assertThat(owner.get("/compte/retours").body()).contains(path);
        HttpResponse<byte[]> mine = bytes(owner, path);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");

        Http stranger = customer("stranger");
        assertThat(bytes(stranger, path).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/compte/retours").body()).doesNotContain(withdrawal.number());
    }

    // Fixtures

    private static HttpResponse<byte[]> bytes(Http client, String path) {
        return client.getBytes(path);
    }

    private static String text(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }



    private Http customer(String who) {
        Http customer = new Http(port);
        String client = "198.18." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        String signUp = customer.get("/compte/inscription").body();
        assertThat(customer.send(customer.request("/compte/inscription").header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", client).POST(HttpRequest.BodyPublishers.ofString(Http.form("_csrf",
                        Http.csrfToken(signUp), "name", "Léa Petit", "email", email(who), "password", PASSWORD))).build())
                .statusCode()).isEqualTo(302);
        return customer;
    }

    private String email(String who) {
        return "slip-" + who + "-" + store.id + "@example.org";
    }

    private OrderNumber placeSignedIn(Http customer, String sku) {
        String product = customer.get("/p/ck-" + store.id + "-bordereau-compte").body();
        customer.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku", sku, "quantity", "1"));
        String cart = customer.get("/panier").body();
        customer.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart), "email", email("owner"),
                "name", "Léa Petit", "line1", "3 place du Marché", "postalCode", "75011", "city", "Paris", "country", "FR",
                "delivery", "home", "paymentMethod", "card"));
        String confirm = customer.get("/commande/confirmation").body();
        customer.postForm("/commande/valider", Http.form("_csrf", Http.csrfToken(confirm), "attempt", UUID.randomUUID().toString(),
                "acceptTerms", "on"));
        return new OrderNumber(jdbc.sql("SELECT number FROM orders.customer_order WHERE email = :email")
                .param("email", email("owner")).query(String.class).single());
    }

}
