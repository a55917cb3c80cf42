package io.boucle.storefront;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.cart.Carts;
import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.community.Buyers;
import io.boucle.customer.Customers;
import io.boucle.messaging.MessageView;
import io.boucle.messaging.Messaging;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reviews from verified buyers: who may write one, the staff's moderation, and what the product page shows. */
@IntegrationTest
class ProductReviewsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Customers customers;

    @Autowired
    Carts carts;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    Messaging messaging;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    StoreFixtures store;
    Buyers buyers;
    String sku;
    String slug;

    @BeforeEach
    void setUp() {
        logins = new StaffLogins(accounts, port);
        store = new StoreFixtures(new Http(port), json, catalog);
        buyers = new Buyers(port, store, customers, carts);
        sku = store.product("lampe", "35.00", 20);
        slug = sku.toLowerCase(Locale.ROOT);
    }

    @Test
    void aGuestIsToldToSignInAndCannotPostAReview() {
        Http guest = new Http(port);
        String page = guest.get("/p/" + slug).body();

        assertThat(page).contains("Les avis sont réservés aux clients qui ont acheté ce produit.")
                .contains("href=\"/compte/connexion?retour=/p/" + slug + "\"").doesNotContain("name=\"rating\"");
        HttpResponse<String> posted = guest.postForm("/p/" + slug + "/avis", Http.form("_csrf", Http.csrfToken(page),
                "rating", "5", "body", "Une très bonne lampe, vraiment."));
        assertThat(location(posted)).startsWith("/compte/connexion");
        assertThat(reviewCount()).isZero();
    }

    @Test
    void aCustomerWhoDidNotPayForTheProductMayNotReviewIt() {
        Buyers.Buyer buyer = buyers.signedIn("Noé Martin");
        String other = store.product("autre", "12.00", 5);
        buyers.paidOrder(buyer, other);
        buyers.unpaidOrder(buyer, sku);

        String page = buyer.http().get("/p/" + slug).body();

        assertThat(page).contains("Seuls les clients qui ont acheté ce produit chez nous peuvent lui donner un avis.")
                .doesNotContain("name=\"rating\"");
        HttpResponse<String> posted = buyer.http().postForm("/p/" + slug + "/avis", Http.form("_csrf", Http.csrfToken(page),
                "rating", "5", "body", "Je ne l'ai pas payée mais je l'aime."));
        assertThat(location(posted)).isEqualTo("/p/" + slug);
        assertThat(reviewCount()).isZero();
    }

    @Test
    void aBuyerReviewsOnceAndTheReviewShowsOnlyOncePublished() {
        Buyers.Buyer buyer = buyers.signedIn("Léa Petit");
        String number = buyers.paidOrder(buyer, sku);
        String page = buyer.http().get("/p/" + slug).body();
        assertThat(page).contains("Donner mon avis").contains("name=\"rating\"").contains("1 étoile sur 5")
                .contains("5 étoiles sur 5");

        HttpResponse<String> incomplete = buyer.http().postForm("/p/" + slug + "/avis", Http.form("_csrf", Http.csrfToken(page),
                "title", "Bien", "body", "Court"));
        assertThat(incomplete.statusCode()).isEqualTo(422);
        assertThat(incomplete.body()).contains("Choisissez une note, de 1 à 5 étoiles.")
                .contains("Votre avis fait au moins 10 caractères.").contains("value=\"Bien\"");
        assertThat(reviewCount()).isZero();

        HttpResponse<String> sent = buyer.http().postForm("/p/" + slug + "/avis", Http.form("_csrf", Http.csrfToken(page),
                "rating", "4", "title", "Douce lumière", "body", "Éclaire bien le bureau.\n<script>alert(1)</script>"));
        assertThat(location(sent)).isEqualTo("/p/" + slug);
        String after = buyer.http().get("/p/" + slug).body();
        assertThat(after).contains("Merci ! Votre avis sera publié après vérification par notre équipe.")
                .doesNotContain("name=\"rating\"").doesNotContain("Douce lumière").contains("Pas encore d&#39;avis.");
        assertThat(buyer.http().get("/p/" + slug).body()).contains("il sera publié après vérification");
        assertThat(jdbc.sql("SELECT r.author || '|' || r.order_reference || '|' || r.status FROM catalog.review r "
                        + "JOIN catalog.product p ON p.id = r.product_id WHERE p.slug = :slug")
                .param("slug", slug).query(String.class).single()).isEqualTo("Léa P.|" + number + "|PENDING");

        HttpResponse<String> again = buyer.http().postForm("/p/" + slug + "/avis", Http.form("_csrf", Http.csrfToken(after),
                "rating", "1", "body", "Finalement, je change d'avis."));
        assertThat(location(again)).isEqualTo("/p/" + slug);
        assertThat(reviewCount()).as("one review per customer and product").isEqualTo(1);

        Http staff = logins.signedIn(Role.SUPPORT);
        String queue = staff.get("/admin/reviews").body();
        assertThat(queue).contains("Douce lumière").contains("Achat vérifié").contains(number);
        HttpResponse<String> published = staff.postForm("/admin/reviews/" + reviewId() + "/publish",
                Http.form("_csrf", Http.csrfToken(queue), "from", "PENDING"));
        assertThat(location(published)).isEqualTo("/admin/reviews?status=PENDING");
        assertThat(staff.get("/admin/reviews?status=PENDING").body()).contains("Avis publié.");

        String shown = new Http(port).get("/p/" + slug).body();
        assertThat(shown).contains("Douce lumière").contains("Achat vérifié").contains("Léa P.")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
                .contains("★ 4 · 1 avis").contains("\"reviewCount\":1");
        assertThat(buyer.http().get("/p/" + slug).body()).contains("Vous avez donné votre avis sur ce produit. Merci !");
    }

    @Test
    void anyVariantBoughtEntitlesToReviewTheProduct() {
        String twoSizes = "tapis-" + store.id;
        HttpResponse<String> created = new Http(port).postJson("/api/v1/admin/products", """
                {"slug": "%s", "title": "Tapis", "category": "ck-%s", "taxCategory": "STANDARD", "publish": true,
                 "variants": [{"sku": "TAPIS-S-%s", "price": {"amount": "20.00", "currency": "EUR"}, "stock": 5},
                              {"sku": "TAPIS-L-%s", "price": {"amount": "40.00", "currency": "EUR"}, "stock": 5}]}
                """.formatted(twoSizes, store.id, store.id, store.id), "Authorization", "Bearer " + StoreFixtures.OWNER_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Buyers.Buyer buyer = buyers.signedIn("Inès Roy");
        buyers.paidOrder(buyer, "TAPIS-L-" + store.id);

        assertThat(buyer.http().get("/p/" + twoSizes).body()).contains("name=\"rating\"");
    }

    @Test
    void aRejectedReviewStaysHiddenAndItsAuthorIsToldWhy() {
        Buyers.Buyer buyer = buyers.signedIn("Hugo Blanc");
        buyers.paidOrder(buyer, sku);
        String page = buyer.http().get("/p/" + slug).body();
        assertThat(location(buyer.http().postForm("/p/" + slug + "/avis", Http.form("_csrf", Http.csrfToken(page),
                "rating", "1", "body", "Livreur en retard, appelez-moi au 06 00 00 00 00.")))).isEqualTo("/p/" + slug);
        Http staff = logins.signedIn(Role.MANAGER);
        String queue = staff.get("/admin/reviews").body();

        HttpResponse<String> noReason = staff.postForm("/admin/reviews/" + reviewId() + "/reject",
                Http.form("_csrf", Http.csrfToken(queue), "reason", ""));
        assertThat(location(noReason)).startsWith("/admin/reviews");
        assertThat(jdbc.sql("SELECT status FROM catalog.review WHERE id = :id").param("id", UUID.fromString(reviewId()))
                .query(String.class).single()).isEqualTo("PENDING");
        HttpResponse<String> rejected = staff.postForm("/admin/reviews/" + reviewId() + "/reject",
                Http.form("_csrf", Http.csrfToken(queue), "reason", "PERSONAL_DATA"));
        assertThat(location(rejected)).startsWith("/admin/reviews");

        assertThat(new Http(port).get("/p/" + slug).body()).doesNotContain("Livreur en retard").contains("Pas encore d&#39;avis.");
        assertThat(buyer.http().get("/p/" + slug).body()).contains("Votre avis n&#39;a pas été publié, pour cette raison :")
                .contains("il contient des données personnelles.");
        assertThat(staff.get("/admin/reviews?status=REJECTED").body()).contains("Livreur en retard");
        List<MessageView> sent = messaging.forReference("review:" + reviewId());
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo(buyer.email());
            assertThat(message.subject()).isEqualTo("Votre avis sur « Article lampe » n'a pas été publié");
            assertThat(message.bodyText()).contains("car il contient des données personnelles.").contains("Livreur en retard");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> messaging.find(sent.getFirst().id()).orElseThrow().sentAt() != null);

        assertThat(staff.postForm("/admin/reviews/" + reviewId() + "/reject",
                Http.form("_csrf", Http.csrfToken(queue), "reason", "SPAM")).statusCode()).isEqualTo(302);
        assertThat(messaging.forReference("review:" + reviewId())).as("told once").hasSize(1);
    }

    @Test
    void moderationNeedsAStaffRoleThatMayModerateAndACsrfToken() {
        Buyers.Buyer buyer = buyers.signedIn("Zoé Lefèvre");
        buyers.paidOrder(buyer, sku);
        String page = buyer.http().get("/p/" + slug).body();
        buyer.http().postForm("/p/" + slug + "/avis", Http.form("_csrf", Http.csrfToken(page), "rating", "5",
                "body", "Parfaite pour lire le soir."));
        String review = reviewId();

        assertThat(location(new Http(port).get("/admin/reviews"))).isEqualTo("/admin/login");
        assertThat(buyer.http().get("/admin/reviews").statusCode()).as("a customer").isEqualTo(403);
        Http accountant = logins.signedIn(Role.ACCOUNTANT);
        assertThat(accountant.get("/admin/reviews").statusCode()).isEqualTo(403);
        assertThat(accountant.get("/admin/questions").statusCode()).isEqualTo(403);
        String dashboard = accountant.get("/admin").body();
        assertThat(accountant.postForm("/admin/reviews/" + review + "/publish", Http.form("_csrf", Http.csrfToken(dashboard)))
                .statusCode()).isEqualTo(403);
        Http support = logins.signedIn(Role.SUPPORT);
        assertThat(support.postForm("/admin/reviews/" + review + "/publish", "from=PENDING").statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(support.get("/admin").body()).contains("href=\"/admin/reviews\"").contains("href=\"/admin/questions\"");
        assertThat(support.postForm("/admin/reviews/" + UUID.randomUUID() + "/publish",
                Http.form("_csrf", Http.csrfToken(support.get("/admin/reviews").body()))).statusCode()).isEqualTo(404);

        assertThat(jdbc.sql("SELECT status FROM catalog.review WHERE id = :id").param("id", UUID.fromString(review))
                .query(String.class).single()).isEqualTo("PENDING");
        assertThat(new Http(port).get("/p/" + slug).body()).doesNotContain("Parfaite pour lire le soir.");
    }

    @Test
    void theReviewFormSpeaksEnglish() {
        Buyers.Buyer buyer = buyers.signedIn("Sam Taylor");
        buyers.paidOrder(buyer, sku);

        String page = buyer.http().get("/p/" + slug + "?lang=en").body();

        assertThat(page).contains("Write a review").contains("5 stars out of 5").contains("1 star out of 5")
                .contains("Reviews are read by our team before they are published");
    }

    private long reviewCount() {
        return jdbc.sql("SELECT count(*) FROM catalog.review r JOIN catalog.product p ON p.id = r.product_id WHERE p.slug = :slug")
                .param("slug", slug).query(Long.class).single();
    }

    private String reviewId() {
        return jdbc.sql("SELECT r.id FROM catalog.review r JOIN catalog.product p ON p.id = r.product_id WHERE p.slug = :slug")
                .param("slug", slug).query(UUID.class).single().toString();
    }

    /** Where a redirect points, without scheme, host and fragment. */
    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("redirect").isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "").replaceFirst("#.*$", "");
    }
}
