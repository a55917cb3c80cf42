package io.boucle.returns;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.WithdrawalExclusion;
import io.boucle.checkout.StoreFixtures;
import io.boucle.invoicing.InvoiceFixtures;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.staff.Role;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The withdrawal function on the order page and the API, and the back office's returns, with their roles. */
@IntegrationTest
class ReturnPagesIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Orders orders;

    @Autowired
    Returns returns;

    @Autowired
    Invoicing invoicing;

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
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
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
    void theApiWithdrawsAndAnswersTheDateAndTimeThenRefusesAfterTheDeadline() {
        String sku = store.product("api", "18.00", 10);
        clock.set(Instant.parse("2026-03-01T09:00:00Z"));
        OrderView order = fixtures.paid(sku);
        OrderView late = fixtures.paid(sku);
        fixtures.delivered(order, Instant.parse("2026-03-02T15:00:00Z"));
        fixtures.delivered(late, Instant.parse("2026-03-02T15:00:00Z"));

        JsonNode shown = store.read(http.get("/api/v1/orders/" + order.number() + "?accessToken=" + order.accessToken()));
        assertThat(shown.get("order").get("withdrawalDeadline").asString()).isEqualTo("2026-03-16");

        assertThat(http.postJson("/api/v1/orders/" + order.number() + "/withdrawal?accessToken=wrong", "{}").statusCode())
                .isEqualTo(404);
        clock.set(Instant.parse("2026-03-16T12:30:00Z"));
        HttpResponse<String> withdrawn = http.postJson("/api/v1/orders/" + order.number() + "/withdrawal?accessToken="
                + order.accessToken(), "{\"reason\": \"trop grand\"}", "Idempotency-Key", "w-" + store.id);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        JsonNode ack = store.read(withdrawn);
        assertThat(ack.get("requestedAt").asString()).isEqualTo("2026-03-16T12:30:00Z");
        assertThat(ack.get("requestedAtParis").asString()).startsWith("2026-03-16T13:30:00+01:00");
        assertThat(ack.get("kind").asString()).isEqualTo("WITHDRAWAL");
        assertThat(ack.get("lines").get(0).get("sku").asString()).isEqualTo(sku);
        assertThat(ack.get("refundDueBy").asString()).isEqualTo("2026-03-30");
        HttpResponse<String> replayed = http.postJson("/api/v1/orders/" + order.number() + "/withdrawal?accessToken="
                + order.accessToken(), "{\"reason\": \"trop grand\"}", "Idempotency-Key", "w-" + store.id);
        assertThat(store.read(replayed).get("id").asString()).isEqualTo(ack.get("id").asString());

        clock.set(Instant.parse("2026-03-17T08:00:00Z"));
        HttpResponse<String> tooLate = http.postJson("/api/v1/orders/" + late.number() + "/withdrawal?accessToken="
                + late.accessToken(), "{}");
        assertThat(tooLate.statusCode()).isEqualTo(409);
        assertThat(tooLate.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(store.read(tooLate).get("reason").asString()).isEqualTo("PERIOD_OVER");
        assertThat(store.read(tooLate).get("detail").asString()).contains("2026-03-16");
        assertThat(returns.forOrders(List.of(late.number()))).isEmpty();
    }

    @Test
    void excludedProductsAreAnnouncedAndRefusedByTheApi() {
        String sku = store.product("perso", "60.00", 10);
        String slug = "ck-" + store.id + "-perso";
        HttpResponse<String> flagged = http.send(http.request("/api/v1/admin/products/" + slug + "/withdrawal-exclusion")
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + StoreFixtures.OWNER_TOKEN)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\": \"PERSONALISED\"}")).build());
        assertThat(flagged.statusCode()).as(flagged.body()).isEqualTo(200);
        assertThat(catalog.withdrawalExclusion(slug)).contains(WithdrawalExclusion.PERSONALISED);
        assertThat(http.get("/p/" + slug).body()).contains("Article personnalisé : non concerné par le droit de rétractation");

        OrderView order = fixtures.paid(sku);
        fixtures.delivered(order, Instant.now(clock));
        HttpResponse<String> refused = http.postJson("/api/v1/orders/" + order.number() + "/withdrawal?accessToken="
                + order.accessToken(), "{\"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": 1}]}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(store.read(refused).get("errors").get(0).get("field").asString()).isEqualTo("lines");
        assertThat(returns.forOrders(List.of(order.number()))).isEmpty();
        assertThat(http.get("/commande/" + order.number() + "?t=" + order.accessToken()).body())
                .doesNotContain("Renoncer au contrat ici");
    }

    @Test
    void theCheckoutSaysWhichItemsAreExcludedBeforeThePurchase() {
        store.product("hygiene", "9.00", 10);
        String slug = "ck-" + store.id + "-hygiene";
        catalog.setWithdrawalExclusion(slug, WithdrawalExclusion.SEALED_HYGIENE);
        String product = http.get("/p/" + slug).body();
        assertThat(product).contains("le droit de rétractation ne s&#39;applique plus une fois le scellé ouvert");
        assertThat(http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku",
                ("CK-" + store.id + "-hygiene").toUpperCase(), "quantity", "1")).statusCode()).isEqualTo(302);
        String cart = http.get("/panier").body();
        assertThat(http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", "hygiene-" + store.id + "@example.org", "name", "Léa Petit", "line1", "3 place du Marché",
                "postalCode", "75011", "city", "Paris", "country", "FR", "delivery", "home", "paymentMethod", "card"))
                .statusCode()).isEqualTo(302);
        String confirm = http.get("/commande/confirmation").body();
        assertThat(confirm).contains("Droit de rétractation — exceptions").contains("Article hygiene")
                .contains("Article scellé d&#39;hygiène");
        HttpResponse<String> unticked = http.postForm("/commande/valider",
                Http.form("_csrf", Http.csrfToken(confirm), "attempt", "a-" + store.id));
        assertThat(unticked.statusCode()).isEqualTo(422);
        assertThat(unticked.body()).contains("Droit de rétractation — exceptions");
        catalog.setWithdrawalExclusion(slug, null);
        assertThat(catalog.withdrawalExclusion(slug)).isEmpty();
    }

    @Test
    void theOrderPageOffersTheWithdrawalFunctionWithItsDeadlineAndTwoSteps() {
        String sku = store.product("page", "22.00", 10);
        clock.set(Instant.parse("2026-12-09T09:00:00Z"));
        OrderView order = fixtures.paid(sku);
        fixtures.delivered(order, Instant.parse("2026-12-11T10:00:00Z"));
        clock.set(Instant.parse("2026-12-20T10:00:00Z"));

        String page = http.get("/commande/" + order.number() + "?t=" + order.accessToken()).body();
        assertThat(page).contains("Renoncer au contrat ici").contains("Vous pouvez vous rétracter jusqu&#39;au lundi 28 décembre 2026 inclus");
        HttpResponse<String> form = http.get("/commande/" + order.number() + "/retractation?t=" + order.accessToken());
        assertThat(form.body()).contains("Confirmer la rétractation").contains("name=\"qty_1\"");
        HttpResponse<String> posted = http.postForm("/commande/" + order.number() + "/retractation?t=" + order.accessToken(),
                Http.form("qty_1", "1", "reason", "", "attempt", UUID.randomUUID().toString(), "_csrf", Http.csrfToken(form.body())));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(returns.forOrders(List.of(order.number()))).singleElement()
                .satisfies(r -> assertThat(r.channel()).isEqualTo("WEB"));
        assertThat(http.get("/commande/" + order.number() + "?t=" + order.accessToken()).body())
                .contains("Votre rétractation est enregistrée le dimanche 20 décembre 2026 à 11:00");
    }

    @Test
    void supportInspectsAndRefundsWhileAnAccountantOnlyReads() {
        String sku = store.product("bo", "33.00", 10);
        OrderView order = fixtures.paid(sku);
        fixtures.delivered(order, Instant.now(clock));
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);

        Http accountant = logins.signedIn(Role.ACCOUNTANT);
        assertThat(accountant.get("/admin/returns").body()).contains(withdrawal.number());
        String readOnly = accountant.get("/admin/returns/" + withdrawal.id()).body();
        assertThat(readOnly).contains("Lecture seule").doesNotContain("Enregistrer l&#39;inspection");
        HttpResponse<String> forbidden = accountant.postForm("/admin/returns/" + withdrawal.id() + "/inspection",
                Http.form("outcome_1", "ACCEPTED", "condition_1", "NEW_WITH_TAGS", "_csrf", Http.csrfToken(readOnly)));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(returns.find(withdrawal.id()).orElseThrow().status()).isEqualTo(ReturnStatus.REQUESTED);
        assertThat(http.postJson("/api/v1/admin/returns/" + withdrawal.id() + "/refund", "{}",
                "Authorization", "Bearer " + logins.apiToken(Role.ACCOUNTANT)).statusCode()).isEqualTo(403);

        Http support = logins.signedIn(Role.SUPPORT);
        String detail = support.get("/admin/returns/" + withdrawal.id()).body();
        assertThat(detail).contains("Enregistrer l&#39;inspection");
        assertThat(support.postForm("/admin/returns/" + withdrawal.id() + "/inspection", Http.form("outcome_1", "ACCEPTED",
                "condition_1", "NEW_WITH_TAGS", "note_1", "", "_csrf", Http.csrfToken(detail))).statusCode()).isEqualTo(302);
        String inspected = support.get("/admin/returns/" + withdrawal.id()).body();
        assertThat(inspected).contains("Rembourser").contains("Inspection enregistrée");
        assertThat(support.get("/admin/returns").body()).contains("Remboursements dus").contains(withdrawal.number());
        await().atMost(Duration.ofSeconds(15)).until(() -> invoicing.documentsOf(order.number().value()).size() == 1);

        HttpResponse<String> refunded = http.postJson("/api/v1/admin/returns/" + withdrawal.id() + "/refund", "{}",
                "Authorization", "Bearer " + StoreFixtures.OWNER_TOKEN);
        assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(200);
        JsonNode body = store.read(refunded);
        assertThat(body.get("customerReturn").get("status").asString()).isEqualTo("REFUNDED");
        assertThat(body.get("customerReturn").get("creditNote").asString()).startsWith("A");
        assertThat(body.get("madeNow").asBoolean()).isTrue();
        JsonNode again = store.read(http.postJson("/api/v1/admin/returns/" + withdrawal.id() + "/refund", "{}",
                "Authorization", "Bearer " + StoreFixtures.OWNER_TOKEN));
        assertThat(again.get("madeNow").asBoolean()).as("idempotent").isFalse();
        assertThat(support.get("/admin/returns/" + withdrawal.id()).body()).contains(body.get("customerReturn").get("creditNote").asString());
    }

    @Test
    void aLateRefundIsAnAlertOnTheReturnsPage() {
        String sku = store.product("retard", "14.00", 10);
        clock.set(Instant.parse("2026-05-04T08:00:00Z"));
        OrderView order = fixtures.paid(sku);
        fixtures.delivered(order, Instant.parse("2026-05-05T08:00:00Z"));
        clock.set(Instant.parse("2026-05-06T08:00:00Z"));
        CustomerReturn withdrawal = returns.withdraw(order, ReturnRequest.everything(null), "WEB", null);
        clock.set(Instant.parse("2026-05-21T08:00:00Z"));
        returns.watchDeadlines();
        assertThat(logins.signedIn(Role.MANAGER).get("/admin/returns").body()).contains(withdrawal.number())
                .contains("commande " + order.number() + " : le remboursement était dû au plus tard le 20/05/2026");
    }

    @Test
    void aSignedInCustomerWithdrawsFromTheirOrderAndFindsTheReturnInTheirAccount() {
        String sku = store.product("compte", "26.00", 10);
        String slug = "ck-" + store.id + "-compte";
        String client = "198.18." + java.util.concurrent.ThreadLocalRandom.current().nextInt(256) + "."
                + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
        String email = "compte-" + store.id + "@example.org";
        Http customer = new Http(port);
        String signUp = customer.get("/compte/inscription").body();
        assertThat(customer.send(customer.request("/compte/inscription").header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", client).POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.form("_csrf",
                        Http.csrfToken(signUp), "name", "Léa Petit", "email", email, "password", PASSWORD))).build())
                .statusCode()).isEqualTo(302);
        String product = customer.get("/p/" + slug).body();
        customer.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku", sku, "quantity", "1"));
        String cart = customer.get("/panier").body();
        customer.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart), "email", email, "name", "Léa Petit",
                "line1", "3 place du Marché", "postalCode", "75011", "city", "Paris", "country", "FR", "delivery", "home",
                "paymentMethod", "card"));
        String confirm = customer.get("/commande/confirmation").body();
        customer.postForm("/commande/valider", Http.form("_csrf", Http.csrfToken(confirm), "attempt", UUID.randomUUID().toString(),
                "acceptTerms", "on"));
        OrderNumber number = new OrderNumber(jdbc.sql("SELECT number FROM orders.customer_order WHERE email = :email")
                .param("email", email).query(String.class).single());
        // Paid as the provider's notice would mark it
        orders.markPaid(number, "pay-" + store.id);
        fixtures.delivered(orders.find(number).orElseThrow(), Instant.now(clock));

        String page = customer.get("/commande/" + number).body();
        assertThat(page).contains("Renoncer au contrat ici");
        String form = customer.get("/commande/" + number + "/retractation").body();
        assertThat(customer.postForm("/commande/" + number + "/retractation", Http.form("qty_1", "1", "attempt",
                UUID.randomUUID().toString(), "_csrf", Http.csrfToken(form))).statusCode()).isEqualTo(302);
        CustomerReturn withdrawal = returns.forOrders(List.of(number)).getFirst();

        assertThat(customer.get("/compte").body()).contains("href=\"/compte/retours\"");
        assertThat(customer.get("/compte/retours").body()).contains(withdrawal.number()).contains(number.value())
                .contains("En attente des articles");
        assertThat(new Http(port).get("/commande/" + number + "/retractation").statusCode()).as("no token, not signed in")
                .isEqualTo(404);
    }

    // Fixtures




}
