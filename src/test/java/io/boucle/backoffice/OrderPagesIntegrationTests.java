package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.inventory.Inventory;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class OrderPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    MutableClock clock;

    /** Places orders through the store API. */
    StoreFixtures store;

    /** The staff member's browser. */
    Http http;

    @BeforeEach
    void setUp() {
        logins = new StaffLogins(accounts, port);
        clock.set(Instant.now(Clock.systemUTC()));
        store = new StoreFixtures(new Http(port), json, catalog);
        http = new Http(port);
    }

    @AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void theListFiltersByStatusDatesAndText() {
        clock.set(Instant.parse("2023-11-20T10:00:00Z"));
        String sku = store.product("page", "14.00", 10);
        String older = place(sku, "tok_visa");
        clock.set(Instant.parse("2023-11-22T10:00:00Z"));
        String unpaid = place(sku, "tok_declined");
        logins.signIn(http, Role.SUPPORT);

        String all = http.get("/admin/orders?q=" + store.id).body();
        assertThat(all).contains("2 commandes").contains(older).contains(unpaid).contains("buyer-" + store.id + "@example.org")
                .contains("Payée").contains("En attente de paiement").contains("Encaissé").contains("Refusé")
                .contains("20/11/2023 11:00");
        assertThat(all.indexOf(unpaid)).as("newest first").isLessThan(all.indexOf(older));

        String byStatus = http.get("/admin/orders?status=PAID&q=" + store.id).body();
        assertThat(byStatus).contains("1 commande").contains(older).doesNotContain(unpaid);
        assertThat(byStatus).contains("<option value=\"PAID\" selected=\"selected\"");

        String byDates = http.get("/admin/orders?from=2023-11-21&to=2023-11-22&q=" + store.id).body();
        assertThat(byDates).contains(unpaid).doesNotContain(older).contains("value=\"2023-11-21\"");

        String byNumber = http.get("/admin/orders?q=" + unpaid).body();
        assertThat(byNumber).contains(unpaid).doesNotContain(older);

        String unreadable = http.get("/admin/orders?from=hier&q=" + store.id).body();
        assertThat(unreadable).contains("« hier » n&#39;est pas une date").contains("2 commandes");
    }

    @Test
    void theOrderPageShowsLinesTotalsPaymentsEmailsAndTheTimeline() {
        String sku = store.product("fiche", "30.00", 3);
        String number = place(sku, "tok_visa");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM messaging.message WHERE reference = :n")
                .param("n", number).query(Long.class).single() > 0);
        logins.signIn(http, Role.ACCOUNTANT);

        HttpResponse<String> page = http.get("/admin/orders/" + number);

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("Commande " + number).contains("Article fiche").contains(sku)
                .contains("Total HT").contains("dont TVA 20 %").doesNotContain("cours de référence").contains("Camille Martin").contains("12 rue des Lilas")
                .contains("livraison prévue entre le").contains("visa •••• 4242").contains("Sans authentification")
                .contains("Encaissé").contains("Votre commande " + number + " est bien enregistrée");
        int placed = html.indexOf("Commande passée");
        int attempt = html.indexOf("Tentative de paiement");
        int paid = html.indexOf("Commande payée");
        int email = html.indexOf("order-acknowledgment");
        assertThat(placed).isPositive();
        assertThat(placed).isLessThan(attempt);
        assertThat(attempt).isLessThan(paid);
        assertThat(paid).isLessThan(email);
        assertThat(html).as("an accountant may not cancel").doesNotContain("/cancel");
        assertThat(http.get("/admin/orders/B2099-999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aManagerCancelsAPaidOrderOnceAfterConfirming() {
        String sku = store.product("annulation", "22.00", 3);
        String number = place(sku, "tok_visa");
        logins.signIn(http, Role.MANAGER);
        String page = http.get("/admin/orders/" + number).body();
        assertThat(page).contains("Annuler la commande").contains("name=\"confirm\"");

        HttpResponse<String> unconfirmed = post("/admin/orders/" + number + "/cancel", page, "reason", "Doublon");
        assertThat(unconfirmed.statusCode()).isEqualTo(302);
        assertThat(http.get("/admin/orders/" + number).body()).contains("Cochez la case de confirmation")
                .contains("value=\"Doublon\"");
        assertThat(status(number)).isEqualTo("PAID");

        HttpResponse<String> cancelled = post("/admin/orders/" + number + "/cancel", page, "reason", "Doublon", "confirm", "yes");

        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(cancelled.headers().firstValue("Location").orElseThrow()).endsWith("/admin/orders/" + number);
        String after = http.get("/admin/orders/" + number).body();
        assertThat(after).contains("Commande annulée, ").contains("remboursé au client").contains("Annulée")
                .contains("Remboursement").contains("Effectué").contains("Doublon").doesNotContain("name=\"confirm\"");
        assertThat(status(number)).isEqualTo("CANCELLED");
        assertThat(refunds(number)).isEqualTo(1);
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).isEqualTo(3);

        HttpResponse<String> again = post("/admin/orders/" + number + "/cancel", page, "reason", "Doublon", "confirm", "yes");

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(http.get("/admin/orders/" + number).body()).contains("déjà annulée");
        assertThat(refunds(number)).isEqualTo(1);
        assertThat(inventory.levels(List.of(sku)).get(sku).onHand()).isEqualTo(3);
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        String sku = store.product("expedie", "22.00", 3);
        String number = place(sku, "tok_visa");
        jdbc.sql("UPDATE orders.customer_order SET status = 'SHIPPED' WHERE number = :number").param("number", number).update();
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/orders/" + number).body();
        assertThat(page).contains("Expédiée").doesNotContain("name=\"confirm\"");

        post("/admin/orders/" + number + "/cancel", http.get("/admin/orders").body(), "reason", "Trop tard", "confirm", "yes");

        assertThat(http.get("/admin/orders/" + number).body()).contains("ne peut plus être annulée (statut : Expédiée)");
        assertThat(status(number)).isEqualTo("SHIPPED");
        assertThat(refunds(number)).isZero();
    }

    @Test
    void aFailedRefundIsShownAndCanBeTriedAgain() {
        String sku = store.product("rembourse", "40.00", 2);
        String number = place(sku, "tok_refund_fails");
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/orders/" + number).body();

        post("/admin/orders/" + number + "/cancel", page, "reason", "Produit abîmé", "confirm", "yes");

        String after = http.get("/admin/orders/" + number).body();
        assertThat(after).contains("La commande est annulée, mais le remboursement de").contains("expired_or_canceled_card")
                .contains("reste à rembourser").contains("Relancer le remboursement").contains("Échoué");
        assertThat(status(number)).isEqualTo("CANCELLED");

        post("/admin/orders/" + number + "/cancel", after, "reason", "Produit abîmé", "confirm", "yes");

        assertThat(http.get("/admin/orders/" + number).body()).contains("a échoué");
        assertThat(refunds(number)).isEqualTo(2);
    }

    @Test
    void supportReadsButMayNotCancelAndFormsNeedTheirCsrfToken() {
        String sku = store.product("droits", "22.00", 3);
        String number = place(sku, "tok_visa");
        assertThat(new Http(port).get("/admin/orders").statusCode()).as("signed out").isEqualTo(302);

        logins.signIn(http, Role.SUPPORT);
        String page = http.get("/admin/orders/" + number).body();
        assertThat(page).contains("Commande " + number).doesNotContain("name=\"confirm\"");
        assertThat(http.get("/admin/orders").body()).contains("href=\"/admin/orders\"").doesNotContain("href=\"/admin/stock\"");
        assertThat(post("/admin/orders/" + number + "/cancel", page, "reason", "Essai", "confirm", "yes").statusCode())
                .isEqualTo(403);
        assertThat(status(number)).isEqualTo("PAID");

        http = new Http(port);
        logins.signIn(http, Role.MANAGER);
        assertThat(http.postForm("/admin/orders/" + number + "/cancel", Http.form("reason", "Essai", "confirm", "yes"))
                .statusCode()).isEqualTo(403);
        assertThat(status(number)).isEqualTo("PAID");
        assertThat(refunds(number)).isZero();
    }

    private String place(String sku, String cardToken) {
        String cart = store.readyCart(sku, 1);
        HttpResponse<String> placed = store.checkout(cart, cardToken, null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return store.read(placed).get("order").get("number").asString();
    }

    private HttpResponse<String> post(String path, String page, String... fields) {
        String[] withCsrf = java.util.Arrays.copyOf(fields, fields.length + 2);
        withCsrf[fields.length] = "_csrf";
        withCsrf[fields.length + 1] = Http.csrfToken(page);
        return http.postForm(path, Http.form(withCsrf));
    }

    private String status(String number) {
        return jdbc.sql("SELECT status FROM orders.customer_order WHERE number = :number").param("number", number)
                .query(String.class).single();
    }

    private long refunds(String number) {
        return jdbc.sql("""
                        SELECT count(*) FROM payment.refund r JOIN payment.payment p ON p.id = r.payment_id
                        WHERE p.reference = :number""")
                .param("number", number).query(Long.class).single();
    }
}
