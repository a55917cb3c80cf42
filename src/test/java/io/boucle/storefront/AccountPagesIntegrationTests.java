package io.boucle.storefront;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import io.boucle.cart.CartView;
import io.boucle.cart.Carts;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.customer.CustomerId;
import io.boucle.customer.Customers;
import io.boucle.inventory.Inventory;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.LocalizedText;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer's account pages, driven as forms without JavaScript. */
@IntegrationTest
class AccountPagesIntegrationTests {

    static final String PASSWORD = "un mot de passe assez long";

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    Customers customers;

    @Autowired
    Carts carts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffAccounts staff;

    Http http;
    String id;
    /** The address this test's requests come from (through the trusted proxy header), so no test throttles another. */
    String client;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        id = UUID.randomUUID().toString().substring(0, 8);
        client = "198.18." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        catalog.addCategory("account-" + id, null, 0, LocalizedText.of("Compte", "Account"), LocalizedText.of("", ""));
    }

    // Sign-up

    @Test
    void signUpShowsEveryMistakeOnTheFormAndOpensNothing() {
        String page = http.get("/compte/inscription").body();
        assertThat(page).contains("<label for=\"email\"").contains("<label for=\"password\"");

        HttpResponse<String> refused = http.postForm("/compte/inscription", Http.form("_csrf", Http.csrfToken(page),
                "name", "Léa " + id, "email", "pas-une-adresse", "password", "court", "marketing", "on"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Saisissez une adresse e-mail valide").contains("au moins 12 caractères")
                .contains("aria-invalid=\"true\"").contains("value=\"Léa " + id + "\"").doesNotContain("value=\"court\"");
        assertThat(jdbc.sql("SELECT count(*) FROM customer.account WHERE name = :name").param("name", "Léa " + id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAddressAlreadyTakenIsSaidOnTheForm() {
        signUp(http, email());
        Http other = new Http(port);
        String page = other.get("/compte/inscription").body();

        HttpResponse<String> refused = other.postForm("/compte/inscription", Http.form("_csrf", Http.csrfToken(page),
                "name", "Quelqu'un", "email", email().toUpperCase(Locale.ROOT), "password", PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Un compte existe déjà avec cette adresse e-mail");
        assertThat(jdbc.sql("SELECT count(*) FROM customer.account WHERE lower(email) = :email").param("email", email())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void signUpsFromOneConnectionAreLimitedWithAClearMessage() {
        String page = http.get("/compte/inscription").body();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> refused = post(http, "/compte/inscription", Http.form("_csrf", Http.csrfToken(page),
                    "name", "Léa Petit", "email", "essai-" + i + "-" + id + "@example.org", "password", "court"));
            assertThat(refused.statusCode()).isEqualTo(422);
        }

        HttpResponse<String> throttled = post(http, "/compte/inscription", Http.form("_csrf", Http.csrfToken(page),
                "name", "Léa Petit", "email", email(), "password", PASSWORD));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("Trop de tentatives d&#39;inscription depuis votre connexion. Réessayez dans 60 minute(s).")
                .contains("value=\"" + email() + "\"").doesNotContain("value=\"" + PASSWORD + "\"");
        assertThat(jdbc.sql("SELECT count(*) FROM customer.account WHERE lower(email) = :email").param("email", email())
                .query(Long.class).single()).isZero();
        client = "198.19." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        signUp(new Http(port), email());
    }

    @Test
    void signingUpSignsInWithMarketingNotGivenUnlessTicked() {
        HttpResponse<String> created = signUp(http, email());

        assertThat(location(created)).isEqualTo("/compte?bienvenue");
        String account = http.get("/compte?bienvenue").body();
        assertThat(account).contains("Bienvenue, Léa Petit").contains("Mes commandes").contains("Ma liste d&#39;envies");
        CustomerId customer = customerId(email());
        assertThat(customers.consents(customer)).singleElement().satisfies(consent -> {
            assertThat(consent.granted()).isFalse();
            assertThat(consent.source()).isEqualTo("sign-up");
            assertThat(consent.wording()).contains("offres de la boutique");
        });
    }

    // Sign-in and sign-out

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
        signUp(new Http(port), email());

        HttpResponse<String> wrongPassword = signIn(http, email(), "pas le bon mot de passe");
        HttpResponse<String> unknown = signIn(http, "personne-" + id + "@example.org", PASSWORD);

        assertThat(wrongPassword.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(422);
        assertThat(wrongPassword.body()).contains("Adresse e-mail ou mot de passe incorrect.").contains("value=\"" + email() + "\"");
        assertThat(unknown.body()).contains("Adresse e-mail ou mot de passe incorrect.");
        assertThat(location(http.get("/compte"))).isEqualTo("/compte/connexion");
    }

    @Test
    void signingInOpensTheAccountAndSigningOutClosesIt() {
        signUp(new Http(port), email());
        assertThat(http.get("/").body()).contains("href=\"/compte/connexion\"").doesNotContain("href=\"/compte\"");

        assertThat(location(signIn(http, email(), PASSWORD))).isEqualTo("/compte");
        assertThat(http.get("/compte").statusCode()).isEqualTo(200);
        assertThat(http.get("/").body()).contains("href=\"/compte\"").contains("Mon compte");

        String page = http.get("/compte").body();
        assertThat(location(http.postForm("/compte/deconnexion", Http.form("_csrf", Http.csrfToken(page)))))
                .isEqualTo("/compte/connexion?deconnexion");
        assertThat(http.get("/compte/connexion?deconnexion").body()).contains("Vous êtes déconnecté.");
        assertThat(location(http.get("/compte"))).isEqualTo("/compte/connexion");
    }

    @Test
    void theSignInPageSpeaksEnglishToo() {
        assertThat(http.get("/compte/connexion?lang=en").body()).contains("Sign in").contains("Create my account");
    }

    @Test
    void repeatedFailuresAreThrottledWithAClearMessage() {
        signUp(new Http(port), email());
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(http, email(), "mauvais mot de passe " + i).statusCode()).isEqualTo(422);
        }

        HttpResponse<String> throttled = signIn(http, email(), PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("Trop de tentatives de connexion. Réessayez dans 15 minute(s).");
        assertThat(location(http.get("/compte"))).isEqualTo("/compte/connexion");
    }

    @Test
    void signingInStartsANewSessionSoAnEarlierOneCannotBeFixed() {
        String first = sessionCookie(signUp(http, email()));
        // Signed in already: the sign-in page sends to the account, whose forms carry a token too.
        String page = http.get("/compte").body();
        String second = sessionCookie(post(http, "/compte/connexion", Http.form("_csrf", Http.csrfToken(page), "email", email(),
                "password", PASSWORD)));

        assertThat(second).isNotEqualTo(first);
        assertThat(location(withSession("/compte", first))).isEqualTo("/compte/connexion");
        assertThat(withSession("/compte", second).statusCode()).isEqualTo(200);
    }

    @Test
    void changingThePasswordKeepsThisSessionAndEndsTheOthers() {
        signUp(http, email());
        Http otherDevice = new Http(port);
        signIn(otherDevice, email(), PASSWORD);
        assertThat(otherDevice.get("/compte").statusCode()).isEqualTo(200);

        String page = http.get("/compte").body();
        HttpResponse<String> changed = http.postForm("/compte/mot-de-passe", Http.form("_csrf", Http.csrfToken(page),
                "currentPassword", PASSWORD, "newPassword", "un tout nouveau mot de passe"));

        assertThat(location(changed)).isEqualTo("/compte");
        assertThat(http.get("/compte").body()).contains("Votre mot de passe est changé.");
        assertThat(location(otherDevice.get("/compte"))).isEqualTo("/compte/connexion");
    }

    @Test
    void aSignedInSessionCannotGuessTheCurrentPasswordForever() {
        signUp(http, email());
        String page = http.get("/compte").body();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = http.postForm("/compte/mot-de-passe", Http.form("_csrf", Http.csrfToken(page),
                    "currentPassword", "pas le mot de passe " + i, "newPassword", "un tout nouveau mot de passe"));
            assertThat(wrong.statusCode()).isEqualTo(422);
            assertThat(wrong.body()).contains("Le mot de passe actuel n&#39;est pas le bon.");
            page = wrong.body();
        }

        HttpResponse<String> throttled = http.postForm("/compte/mot-de-passe", Http.form("_csrf", Http.csrfToken(page),
                "currentPassword", PASSWORD, "newPassword", "un tout nouveau mot de passe"));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("Trop d&#39;essais de mot de passe pour ce compte. Réessayez dans 15 minute(s).");
        HttpResponse<String> details = http.postForm("/compte/informations", Http.form("_csrf", Http.csrfToken(throttled.body()),
                "name", "Léa Petit", "email", "nouvelle-" + id + "@example.org", "currentPassword", PASSWORD));
        assertThat(details.statusCode()).isEqualTo(429);
        assertThat(customers.findByEmail(EmailAddress.of(email()))).isPresent();
        assertThat(signIn(new Http(port), email(), "un tout nouveau mot de passe").statusCode()).isEqualTo(429);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        signUp(new Http(port), email());
        http.get("/compte/connexion");
        assertThat(post(http, "/compte/connexion", Http.form("email", email(), "password", PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(location(http.get("/compte"))).isEqualTo("/compte/connexion");

        signIn(http, email(), PASSWORD);
        String slug = product("vase", 2).slug();
        assertThat(post(http, "/compte/envies", Http.form("product", slug)).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM customer.wishlist_item WHERE product_slug = :slug").param("slug", slug)
                .query(Long.class).single()).isZero();
    }

    // Customers and staff stay apart

    @Test
    void aCustomerSessionOpensNoStaffPage() {
        signUp(http, email());

        assertThat(http.get("/admin").statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/products").statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/admin/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aStaffSessionOpensNoCustomerPage() {
        new StaffLogins(staff, port).signIn(http, Role.OWNER);
        assertThat(http.get("/admin").statusCode()).isEqualTo(200);

        assertThat(http.get("/compte").statusCode()).isEqualTo(403);
        String product = http.get("/p/" + product("lampe", 1).slug()).body();
        assertThat(post(http, "/compte/envies", Http.form("_csrf", Http.csrfToken(product), "product", "x")).statusCode()).isEqualTo(403);
    }

    // Orders

    @Test
    void theAccountListsTheCustomersOwnOrdersWhichTheyOpenWithoutTheLink() {
        Product cushion = product("coussin", 5);
        signUp(http, email());
        String number = placeOrder(http, cushion, email(), "3 place du Marché");
        assertThat(jdbc.sql("SELECT customer_id FROM orders.customer_order WHERE number = :number").param("number", number)
                .query(UUID.class).single()).isEqualTo(customerId(email()).value());

        assertThat(http.get("/compte").body()).contains("href=\"/commande/" + number + "\"").contains("En attente de paiement");
        HttpResponse<String> own = http.get("/commande/" + number);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(number);

        Http someoneElse = new Http(port);
        signUp(someoneElse, "autre-" + id + "@example.org");
        assertThat(someoneElse.get("/compte").body()).doesNotContain(number).contains("pas encore passé de commande");
        assertThat(someoneElse.get("/commande/" + number).statusCode()).isEqualTo(404);
        assertThat(new Http(port).get("/commande/" + number).statusCode()).isEqualTo(404);
    }

    @Test
    void aSignedInCustomerFindsTheirDetailsAndLastAddressAtCheckout() {
        Product cushion = product("coussin", 5);
        signUp(http, email());
        placeOrder(http, cushion, email(), "7 rue des Tilleuls");

        String product = http.get("/p/" + cushion.slug()).body();
        http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku", cushion.sku(), "quantity", "1"));
        String details = http.get("/commande/informations").body();

        assertThat(details).contains("value=\"" + email() + "\"").contains("value=\"Léa Petit\"")
                .contains("value=\"7 rue des Tilleuls\"").contains("value=\"75011\"");
    }

    // Carts

    @Test
    void signingInMergesTheGuestCartIntoTheCustomersWithinTheStock() {
        Product mug = product("mug", 2);
        Product bowl = product("bol", 4);
        signUp(http, email());
        addToCart(http, mug, 1);
        String page = http.get("/compte").body();
        http.postForm("/compte/deconnexion", Http.form("_csrf", Http.csrfToken(page)));
        addToCart(http, mug, 2);
        addToCart(http, bowl, 1);

        HttpResponse<String> signedIn = signIn(http, email(), PASSWORD);

        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("boucle_cart=;").contains("Max-Age=0"));
        CartView cart = carts.view(carts.cartOf(customerId(email())).orElseThrow());
        assertThat(cart.lines().stream().collect(Collectors.toMap(CartView.Line::sku, CartView.Line::quantity)))
                .isEqualTo(Map.of(mug.sku(), 2, bowl.sku(), 1));
        Http otherDevice = new Http(port);
        signIn(otherDevice, email(), PASSWORD);
        assertThat(otherDevice.get("/panier").body()).contains("Article mug " + id).contains("Article bol " + id);
        assertThat(new Http(port).get("/panier").body()).doesNotContain("Article mug " + id);
    }

    @Test
    void theGuestCartsIdOpensNothingOfTheCustomersCartAfterSignIn() {
        Product mug = product("mug", 3);
        signUp(new Http(port), email());
        String page = http.get("/p/" + mug.slug()).body();
        HttpResponse<String> added = http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(page), "sku", mug.sku(),
                "quantity", "2"));
        String guestCart = added.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("boucle_cart="))
                .findFirst().orElseThrow().replaceFirst("^boucle_cart=([^;]+);.*$", "$1");

        signIn(http, email(), PASSWORD);
        String cart = http.get("/panier").body();
        HttpResponse<String> details = http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", email(), "name", "Léa Petit", "line1", "9 rue du Secret", "postalCode", "75011", "city", "Paris",
                "country", "FR", "delivery", "home", "paymentMethod", "card"));
        assertThat(location(details)).isEqualTo("/commande/confirmation");

        CartView own = carts.view(carts.cartOf(customerId(email())).orElseThrow());
        assertThat(own.id().toString()).isNotEqualTo(guestCart);
        assertThat(own.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
        Http holder = new Http(port);
        HttpResponse<String> read = holder.get("/api/v1/carts/" + guestCart);
        assertThat(read.statusCode()).isEqualTo(410);
        assertThat(read.body()).contains("merged").doesNotContain(own.id().toString()).doesNotContain(email())
                .doesNotContain("9 rue du Secret");
        assertThat(holder.postJson("/api/v1/carts/" + guestCart + "/lines", "{\"sku\": \"" + mug.sku() + "\", \"quantity\": 1}")
                .statusCode()).isEqualTo(410);
        assertThat(carts.view(own.id()).lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
    }

    // Wishlist

    @Test
    void aGuestIsAskedToSignInBeforeWishing() {
        Product vase = product("vase", 2);
        String page = http.get("/p/" + vase.slug()).body();
        assertThat(page).contains("href=\"/compte/connexion?retour=/p/" + vase.slug() + "\"");

        HttpResponse<String> wished = http.postForm("/compte/envies", Http.form("_csrf", Http.csrfToken(page), "product", vase.slug()));

        assertThat(location(wished)).isEqualTo("/compte/connexion");
    }

    @Test
    void aCustomerAddsAndRemovesProductsFromTheWishlist() {
        Product vase = product("vase", 2);
        signUp(new Http(port), email());
        String signInPage = http.get("/compte/connexion?retour=/p/" + vase.slug()).body();
        HttpResponse<String> back = post(http, "/compte/connexion", Http.form("_csrf", Http.csrfToken(signInPage), "email", email(),
                "password", PASSWORD, "retour", "/p/" + vase.slug()));
        assertThat(location(back)).isEqualTo("/p/" + vase.slug());

        String page = http.get("/p/" + vase.slug()).body();
        assertThat(page).contains("Ajouter à ma liste d&#39;envies");
        assertThat(location(http.postForm("/compte/envies", Http.form("_csrf", Http.csrfToken(page), "product", vase.slug()))))
                .isEqualTo("/p/" + vase.slug());
        assertThat(http.get("/p/" + vase.slug()).body()).contains("Le produit est dans votre liste d&#39;envies.")
                .contains("Retirer de ma liste d&#39;envies");
        String account = http.get("/compte").body();
        assertThat(account).contains("Article vase " + id).contains("href=\"/p/" + vase.slug() + "\"");

        http.postForm("/compte/envies/retirer", Http.form("_csrf", Http.csrfToken(account), "product", vase.slug()));

        assertThat(http.get("/compte").body()).doesNotContain("Article vase " + id).contains("Votre liste d&#39;envies est vide");
        assertThat(http.postForm("/compte/envies", Http.form("_csrf", Http.csrfToken(account), "product", "no-such-" + id))
                .statusCode()).isEqualTo(404);
    }

    // Helpers

    record Product(String slug, String sku) {
    }

    private Product product(String name, int stock) {
        String slug = ("acc-" + id + "-" + name).toLowerCase(Locale.ROOT);
        String sku = slug.toUpperCase(Locale.ROOT);
        catalog.add(new NewProduct(slug, "account-" + id, null, "STANDARD", LocalizedText.of("Article " + name + " " + id,
                "Item " + name + " " + id), LocalizedText.of("", ""), List.of(new NewProduct.NewVariant(sku, LocalizedText.of("", ""),
                Money.euros("24.00"), 600, null)), List.of(), null, false, true));
        inventory.setOnHand(sku, stock);
        return new Product(slug, sku);
    }

    private void addToCart(Http http, Product product, int quantity) {
        String page = http.get("/p/" + product.slug()).body();
        HttpResponse<String> added = http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(page), "sku", product.sku(),
                "quantity", String.valueOf(quantity)));
        assertThat(location(added)).isEqualTo("/panier");
    }

    /** Orders one unit as the shop's pages do; returns the order's number. */
    private String placeOrder(Http http, Product product, String email, String line1) {
        addToCart(http, product, 1);
        String cart = http.get("/panier").body();
        HttpResponse<String> details = http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", email, "name", "Léa Petit", "line1", line1, "postalCode", "75011", "city", "Paris", "country", "FR",
                "delivery", "home", "paymentMethod", "card"));
        assertThat(location(details)).isEqualTo("/commande/confirmation");
        String confirm = http.get("/commande/confirmation").body();
        HttpResponse<String> placed = http.postForm("/commande/valider", Http.form("_csrf", Http.csrfToken(confirm),
                "attempt", UUID.randomUUID().toString(), "acceptTerms", "on"));
        assertThat(placed.statusCode()).isEqualTo(302);
        return jdbc.sql("SELECT number FROM orders.customer_order WHERE email = :email ORDER BY placed_at DESC LIMIT 1")
                .param("email", email).query(String.class).single();
    }

    private HttpResponse<String> signUp(Http http, String email) {
        String page = http.get("/compte/inscription").body();
        HttpResponse<String> created = post(http, "/compte/inscription", Http.form("_csrf", Http.csrfToken(page), "name", "Léa Petit",
                "email", email, "password", PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        return created;
    }

    private HttpResponse<String> signIn(Http http, String email, String password) {
        String page = http.get("/compte/connexion").body();
        return post(http, "/compte/connexion", Http.form("_csrf", Http.csrfToken(page), "email", email, "password", password));
    }

    private HttpResponse<String> post(Http http, String path, String form) {
        return http.send(http.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", client).POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> withSession(String path, String session) {
        Http fresh = new Http(port);
        return fresh.send(fresh.request(path).header("Cookie", "SESSION=" + session).GET().build());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        Optional<String> cookie = response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("SESSION="))
                .filter(value -> !value.startsWith("SESSION=;")).findFirst();
        assertThat(cookie).as("a new session cookie").isPresent();
        return cookie.get().substring("SESSION=".length(), cookie.get().indexOf(';'));
    }

    private String email() {
        return "lea-" + id + "@example.org";
    }

    private CustomerId customerId(String email) {
        return customers.findByEmail(EmailAddress.of(email)).orElseThrow().id();
    }

    /** Where a redirect points, without scheme and host. */
    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("redirect").isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }
}
