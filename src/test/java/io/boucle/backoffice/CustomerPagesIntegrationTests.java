package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.audit.Audit;
import io.boucle.audit.AuditFilter;
import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.customer.Customer;
import io.boucle.customer.Customers;
import io.boucle.customer.Segment;
import io.boucle.customer.SignUp;
import io.boucle.customer.Wishlists;
import io.boucle.invoicing.Invoicing;
import io.boucle.messaging.Messaging;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Customers in the back office: list, profile, notes, GDPR export and erasure, and who may do what. */
@IntegrationTest
class CustomerPagesIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    Customers customers;

    @Autowired
    Wishlists wishlists;

    @Autowired
    Orders orders;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Messaging messaging;

    @Autowired
    Catalog catalog;

    @Autowired
    Audit audit;

    @Autowired
    JsonMapper json;

    @Autowired
    MutableClock clock;

    final String id = UUID.randomUUID().toString().substring(0, 8);
    Http http;

    @BeforeEach
    void client() {
        logins = new StaffLogins(accounts, port);
        http = new Http(port);
    }

    @Test
    void accountantsMayNotSeeCustomersAndOnlyOwnersErase() {
        Customer customer = signUp("roles");
        for (Role role : List.of(Role.OWNER, Role.MANAGER, Role.SUPPORT)) {
            http = new Http(port);
            logins.signIn(http, role);
            assertThat(http.get("/admin/customers").statusCode()).as(role.name()).isEqualTo(200);
            assertThat(http.get("/admin/customers/" + customer.id()).statusCode()).as(role.name()).isEqualTo(200);
        }
        http = new Http(port);
        logins.signIn(http, Role.ACCOUNTANT);
        String csrf = Http.csrfToken(http.get("/admin").body());
        assertThat(http.get("/admin/customers").statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/customers/" + customer.id()).statusCode()).isEqualTo(403);
        assertThat(http.postForm("/admin/customers/" + customer.id() + "/export", Http.form("_csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(http.postForm("/admin/customers/" + customer.id() + "/notes", Http.form("body", "x", "_csrf", csrf)).statusCode())
                .isEqualTo(403);
        assertThat(http.postForm("/admin/customers/" + customer.id() + "/erase", Http.form("confirm", "yes", "_csrf", csrf))
                .statusCode()).isEqualTo(403);
        for (Role role : List.of(Role.MANAGER, Role.SUPPORT)) {
            http = new Http(port);
            logins.signIn(http, role);
            String page = http.get("/admin/customers/" + customer.id()).body();
            assertThat(page).doesNotContain("/erase");
            assertThat(http.postForm("/admin/customers/" + customer.id() + "/erase",
                    Http.form("confirm", "yes", "_csrf", Http.csrfToken(page))).statusCode()).as(role.name()).isEqualTo(403);
        }
        assertThat(customers.erasedAt(customer.id())).isEmpty();
    }

    @Test
    void theListFiltersBySegmentTogetherWithTheSearchAPageAtATime() {
        // three customers sharing a word: one opened 200 days ago without marketing consent (inactive),
        // two new ones, the older of them agreeing to marketing emails; one more outside the search
        java.time.Instant now = java.time.Instant.now(clock);
        Customer inactive;
        try {
            clock.set(now.minus(Duration.ofDays(200)));
            inactive = customers.signUp(new SignUp("seg-old-" + id + "@example.org", "Dormant " + id, PASSWORD, false, null,
                    Locale.FRENCH), "198.51.100.7");
        } finally {
            clock.set(now);
        }
        Customer consenting = signUp("seg-yes");
        clock.set(now.plusSeconds(1));
        Customer refusing;
        try {
            refusing = customers.signUp(new SignUp("seg-no-" + id + "@example.org", "Camille " + id, PASSWORD, false, null,
                    Locale.FRENCH), "198.51.100.8");
        } finally {
            clock.set(now);
        }
        Customer elsewhere = customers.signUp(new SignUp("apart-" + UUID.randomUUID() + "@example.org", "Dominique", PASSWORD, true,
                "J'accepte de recevoir les offres", Locale.FRENCH), "198.51.100.9");

        logins.signIn(http, Role.SUPPORT);
        String newOnes = http.get("/admin/customers?q=" + id + "&segment=NEW").body();
        assertThat(newOnes).contains("2 clients", consenting.email().value(), refusing.email().value())
                .doesNotContain(inactive.email().value(), elsewhere.email().value());
        assertThat(newOnes).contains("<option value=\"NEW\" selected=\"selected\">Nouveau</option>");
        String dormant = http.get("/admin/customers?q=" + id + "&segment=inactive").body();
        assertThat(dormant).contains("1 client", inactive.email().value(), "Inactif").doesNotContain(consenting.email().value());
        String marketing = http.get("/admin/customers?q=" + id + "&segment=MARKETING").body();
        assertThat(marketing).contains(consenting.email().value()).doesNotContain(refusing.email().value(), inactive.email().value(), elsewhere.email().value());
        assertThat(http.get("/admin/customers?q=" + id + "&segment=VIP").body()).contains("Aucun client");
        assertThat(http.get("/admin/customers?q=" + id + "&segment=BOGUS").statusCode()).isEqualTo(400);

        // a page at a time, newest first, the total counting every match
        var first = customers.search(id, Segment.NEW, orders::purchaseHistories, java.time.Instant.now(clock), 0, 1);
        var second = customers.search(id, Segment.NEW, orders::purchaseHistories, java.time.Instant.now(clock), 1, 1);
        assertThat(first.total()).isEqualTo(2);
        assertThat(second.total()).isEqualTo(2);
        assertThat(first.items()).extracting(Customer::email).containsExactly(refusing.email());
        assertThat(second.items()).extracting(Customer::email).containsExactly(consenting.email());
        assertThat(first.hasNext()).isTrue();
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    void supportFindsACustomerReadsTheConsentHistoryAndWritesAuditedNotes() {
        Customer customer = signUp("notes");
        customers.setMarketingEmails(customer.id(), false, "Je veux recevoir les offres", "account");
        logins.signIn(http, Role.SUPPORT);
        String list = http.get("/admin/customers?q=" + customer.email().value()).body();
        assertThat(list).contains("1 client", customer.email().value(), "Nouveau");
        assertThat(http.get("/admin/search?q=" + customer.email().value()).body()).contains("Clients (1)", "/admin/customers/" + customer.id());

        String profile = http.get("/admin/customers/" + customer.id()).body();
        assertThat(profile).contains("accepté", "refusé", "sign-up", "account");
        assertThat(http.postForm("/admin/customers/" + customer.id() + "/notes",
                Http.form("body", "Rappeler <b>demain</b>", "_csrf", Http.csrfToken(profile))).statusCode()).isEqualTo(302);
        assertThat(http.postForm("/admin/customers/" + customer.id() + "/notes",
                Http.form("body", "  ", "_csrf", Http.csrfToken(profile))).statusCode()).isEqualTo(302);
        assertThat(customers.notes(customer.id())).singleElement().satisfies(note -> assertThat(note.body()).isEqualTo("Rappeler <b>demain</b>"));
        assertThat(http.get("/admin/customers/" + customer.id()).body()).contains("Rappeler &lt;b&gt;demain&lt;/b&gt;");
        assertThat(audit.search(new AuditFilter(null, "customer.note", "customer", customer.id().toString(), null, null), 0, 5).total())
                .isEqualTo(1);
    }

    @Test
    void exportHoldsEverythingAboutThePersonAndErasureKeepsOnlyWhatTheLawRequires() throws Exception {
        Customer customer = signUp("gdpr");
        // Invoices are issued once an owner has confirmed the merchant settings.
        invoicing.updateMerchantSettings(invoicing.merchantSettings());
        StoreFixtures store = new StoreFixtures(http, json, catalog);
        String sku = store.product("gdpr", "24.00", 5);
        String cart = store.newCart();
        assertThat(store.addLine(cart, sku, 1).statusCode()).isEqualTo(200);
        assertThat(store.customer(cart, customer.email().value()).statusCode()).isEqualTo(200);
        assertThat(store.delivery(cart, "home").statusCode()).isEqualTo(200);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", "gdpr-" + id);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String number = store.read(placed).get("order").get("number").asString();
        String slug = ("ck-" + store.id + "-gdpr").toLowerCase(Locale.ROOT);
        wishlists.add(customer.id(), slug);
        String invoice = await().atMost(Duration.ofSeconds(20)).until(() -> invoicing.documentsOf(number), found -> !found.isEmpty())
                .getFirst().number().value();
        // The invoice's email goes out after the invoice is issued: the export below lists it.
        await().atMost(Duration.ofSeconds(20)).until(() -> messaging.sentTo(customer.email()).stream()
                .anyMatch(message -> message.template().equals("invoice")));

        // The customer's own copy, from the account page.
        Http shopper = new Http(port);
        String signInPage = shopper.get("/compte/connexion").body();
        assertThat(shopper.postForm("/compte/connexion", Http.form("email", customer.email().value(), "password", PASSWORD,
                "_csrf", Http.csrfToken(signInPage))).statusCode()).isEqualTo(302);
        String accountPage = shopper.get("/compte").body();
        HttpResponse<String> own = shopper.postForm("/compte/donnees",
                Http.form("_csrf", Http.csrfToken(accountPage.substring(accountPage.indexOf("/compte/donnees")))));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Disposition").orElseThrow()).contains("boucle-donnees-" + customer.id() + ".json");
        JsonNode file = json.readTree(own.body());
        assertThat(file.get("account").get("email").asString()).isEqualTo(customer.email().value());
        assertThat(file.get("account").get("name").asString()).isEqualTo("Camille " + id);
        assertThat(file.get("consents").size()).isEqualTo(1);
        assertThat(file.get("orders").get(0).get("number").get("value").asString()).isEqualTo(number);
        assertThat(file.get("orders").get(0).has("accessToken")).isFalse();
        assertThat(file.get("addresses").toString()).contains("12 rue des Lilas");
        assertThat(file.get("messages").toString()).contains("customer-welcome", "invoice", number);
        assertThat(file.get("wishlist").get(0).asString()).isEqualTo(slug);
        assertThat(file.has("reviews")).isTrue();
        assertThat(file.has("questions")).isTrue();

        // Staff: the export, then the erasure, both audited.
        logins.signIn(http, Role.OWNER);
        String profile = http.get("/admin/customers/" + customer.id()).body();
        assertThat(profile).contains(number, "12 rue des Lilas");
        HttpResponse<String> exported = http.postForm("/admin/customers/" + customer.id() + "/export",
                Http.form("_csrf", Http.csrfToken(profile)));
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(json.readTree(exported.body()).get("orders").get(0).get("number").get("value").asString()).isEqualTo(number);
        assertThat(http.postForm("/admin/customers/" + customer.id() + "/erase", Http.form("_csrf", Http.csrfToken(profile)))
                .statusCode()).isEqualTo(302);
        assertThat(customers.erasedAt(customer.id())).as("not without the confirmation").isEmpty();
        assertThat(http.postForm("/admin/customers/" + customer.id() + "/erase",
                Http.form("confirm", "yes", "_csrf", Http.csrfToken(profile))).statusCode()).isEqualTo(302);

        assertThat(customers.erasedAt(customer.id())).isPresent();
        Customer erased = customers.find(customer.id()).orElseThrow();
        assertThat(erased.email().value()).isEqualTo("erased-" + customer.id() + "@erased.invalid");
        assertThat(erased.name()).isEmpty();
        assertThat(customers.findByEmail(customer.email())).isEmpty();
        assertThat(customers.consents(customer.id())).isEmpty();
        assertThat(wishlists.productSlugs(customer.id())).isEmpty();
        assertThat(customers.authenticate(customer.email().value(), PASSWORD, "203.0.113.9")).as("cannot sign in").isEmpty();
        assertThat(shopper.get("/compte").statusCode()).as("signed out everywhere").isEqualTo(302);
        OrderView kept = orders.find(new io.boucle.order.OrderNumber(number)).orElseThrow();
        assertThat(kept.email()).isEqualTo(erased.email().value());
        assertThat(kept.shipping().name()).isEmpty();
        assertThat(kept.shipping().line1()).isEmpty();
        assertThat(kept.shipping().country()).isEqualTo("FR");
        assertThat(kept.totals().total().amount()).isPositive();
        assertThat(messaging.sentTo(customer.email())).isEmpty();
        assertThat(http.get("/admin/customers/" + customer.id()).body()).doesNotContain("12 rue des Lilas", "Camille " + id);
        assertThat(audit.search(new AuditFilter(null, "customer.", "customer", customer.id().toString(), null, null), 0, 10).items())
                .extracting(entry -> entry.action()).contains("customer.export", "customer.erase");

        // The invoice stays, for owners and accountants only.
        assertThat(invoicing.documentsOf(number)).isNotEmpty();
        http = new Http(port);
        logins.signIn(http, Role.ACCOUNTANT);
        assertThat(http.get("/admin/invoices?q=" + number).body()).contains(invoice);
        assertThat(http.get("/admin/invoices/" + invoice + ".pdf").statusCode()).isEqualTo(200);
        http = new Http(port);
        logins.signIn(http, Role.SUPPORT);
        assertThat(http.get("/admin/invoices?q=" + number).statusCode()).isEqualTo(403);
    }

    private Customer signUp(String what) {
        return customers.signUp(new SignUp(what + "-" + id + "@example.org", "Camille " + id, PASSWORD, true,
                "J'accepte de recevoir les offres", Locale.FRENCH), "198.51.100." + (Math.abs(id.hashCode()) % 200 + 1));
    }
}
