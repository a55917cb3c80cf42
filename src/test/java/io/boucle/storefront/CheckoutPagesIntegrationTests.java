package io.boucle.storefront;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.inventory.Inventory;
import io.boucle.shared.LocalizedText;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop's cart and checkout pages, driven as forms without JavaScript. */
@IntegrationTest
class CheckoutPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    Http http;
    String id;
    String sku;
    String slug;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        id = UUID.randomUUID().toString().substring(0, 8);
        catalog.addCategory("pages-" + id, null, 0, LocalizedText.of("Maison", "Home"), LocalizedText.of("", ""));
        slug = "coussin-" + id;
        sku = "CUSH-" + id;
        catalog.add(new NewProduct(slug, "pages-" + id, null, "STANDARD", LocalizedText.of("Coussin en lin", "Linen cushion"),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant(sku, LocalizedText.of("", ""),
                        io.boucle.shared.Money.euros("29.00"), 800, null)), List.of(), null, false, true));
        inventory.setOnHand(sku, 3);
    }

    @Test
    void aShopperReviewsTheCartGivesDetailsAndMustTickTheTermsBeforeOrdering() {
        String product = http.get("/p/" + slug).body();
        assertThat(product).contains("Ajouter au panier");
        HttpResponse<String> added = http.postForm("/panier/ajouter",
                Http.form("_csrf", Http.csrfToken(product), "sku", sku, "quantity", "2"));
        assertThat(added.statusCode()).isEqualTo(302);

        String cart = http.get("/panier").body();
        assertThat(cart).contains("Coussin en lin").contains("58,00").contains("Livraison").contains("dont TVA 20 %");

        HttpResponse<String> invalid = http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", "pas-un-email", "name", "Léa Petit", "line1", "3 place du Marché", "postalCode", "750",
                "city", "Paris", "country", "FR", "delivery", "home", "paymentMethod", "card"));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("Saisissez un code postal valide").contains("aria-invalid=\"true\"");

        HttpResponse<String> saved = http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", "lea-" + id + "@example.org", "name", "Léa Petit", "line1", "3 place du Marché", "postalCode", "75011",
                "city", "Paris", "country", "FR", "delivery", "home", "paymentMethod", "card"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/commande/confirmation"));

        String confirm = http.get("/commande/confirmation").body();
        assertThat(confirm).contains("Commande avec obligation de paiement").contains("Informations avant commande")
                .contains("Formulaire de rétractation");
        assertThat(confirm).as("the terms box is not ticked in advance").doesNotContain("checked");

        HttpResponse<String> unticked = http.postForm("/commande/valider",
                Http.form("_csrf", Http.csrfToken(confirm), "attempt", "a-" + id));
        assertThat(unticked.statusCode()).isEqualTo(422);
        assertThat(unticked.body()).contains("cochez la case");
        assertThat(jdbc.sql("SELECT count(*) FROM orders.customer_order WHERE email = :email")
                .param("email", "lea-" + id + "@example.org").query(Long.class).single()).isZero();

        HttpResponse<String> placed = http.postForm("/commande/valider",
                Http.form("_csrf", Http.csrfToken(confirm), "attempt", "a-" + id, "acceptTerms", "on"));
        assertThat(placed.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM orders.customer_order WHERE email = :email")
                .param("email", "lea-" + id + "@example.org").query(Long.class).single()).isEqualTo(1);
        assertThat(inventory.levels(List.of(sku)).get(sku).available()).isEqualTo(1);
    }

    @Test
    void aTotalChangedAfterTheRecapIsShownAgainAndOrderedOnlyOnceConfirmed() {
        String product = http.get("/p/" + slug).body();
        http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku", sku, "quantity", "2"));
        String cart = http.get("/panier").body();
        String email = "noe-" + id + "@example.org";
        HttpResponse<String> saved = http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", email, "name", "Noé Martin", "line1", "3 place du Marché", "postalCode", "75011",
                "city", "Paris", "country", "FR", "delivery", "home", "paymentMethod", "card"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String confirm = http.get("/commande/confirmation").body();
        String shown = hidden(confirm, "confirmedTotal");
        assertThat(hidden(confirm, "confirmedCurrency")).isEqualTo("EUR");
        assertThat(confirm).doesNotContain("prices-changed");
        reprice("31.00");

        HttpResponse<String> refused = http.postForm("/commande/valider", Http.form("_csrf", Http.csrfToken(confirm),
                "attempt", "b-" + id, "acceptTerms", "on", "confirmedTotal", shown, "confirmedCurrency", "EUR"));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"prices-changed\"").contains("Le total de votre commande a changé")
                .contains("62,00").contains("Commande avec obligation de paiement");
        String again = hidden(refused.body(), "confirmedTotal");
        assertThat(again).as("2 × 31.00, delivered free over the threshold").isEqualTo("62.00").isNotEqualTo(shown);
        assertThat(orders(email)).as("nothing ordered").isZero();
        assertThat(inventory.levels(List.of(sku)).get(sku).available()).as("nothing reserved").isEqualTo(3);
        HttpResponse<String> altered = http.postForm("/commande/valider", Http.form("_csrf", Http.csrfToken(refused.body()),
                "attempt", "b-" + id, "acceptTerms", "on", "confirmedTotal", "un euro", "confirmedCurrency", "EUR"));
        assertThat(altered.statusCode()).isEqualTo(409);
        assertThat(orders(email)).isZero();

        HttpResponse<String> placed = http.postForm("/commande/valider", Http.form("_csrf", Http.csrfToken(refused.body()),
                "attempt", "b-" + id, "acceptTerms", "on", "confirmedTotal", again, "confirmedCurrency", "EUR"));

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(302);
        assertThat(orders(email)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT total FROM orders.customer_order WHERE email = :email").param("email", email)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo(again);
    }

    @Test
    void theRecapIsInEnglishWhenTheTotalChangesForAnEnglishShopper() {
        String product = http.get("/p/" + slug).body();
        http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku", sku, "quantity", "1"));
        String cart = http.get("/panier").body();
        http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", "sam-" + id + "@example.org", "name", "Sam Hill", "line1", "3 place du Marché", "postalCode", "75011",
                "city", "Paris", "country", "FR", "delivery", "home", "paymentMethod", "card"));
        String confirm = http.get("/commande/confirmation?lang=en").body();
        assertThat(confirm).contains("Order with obligation to pay");

        HttpResponse<String> refused = http.postForm("/commande/valider", Http.form("_csrf", Http.csrfToken(confirm),
                "attempt", "c-" + id, "acceptTerms", "on", "confirmedTotal", "1.00", "confirmedCurrency", "EUR"));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Your order total has changed");
        assertThat(orders("sam-" + id + "@example.org")).isZero();
    }

    private long orders(String email) {
        return jdbc.sql("SELECT count(*) FROM orders.customer_order WHERE email = :email").param("email", email)
                .query(Long.class).single();
    }

    private static String hidden(String page, String name) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        assertThat(matcher.find()).as("the page holds " + name).isTrue();
        return matcher.group(1);
    }

    /** The cushion now costs {@code price} euros. */
    private void reprice(String price) {
        NewProduct product = catalog.editable(slug).orElseThrow();
        catalog.update(slug, new NewProduct(product.slug(), product.categorySlug(), product.brandSlug(), product.taxCategory(),
                product.title(), product.description(), product.variants().stream()
                        .map(variant -> new NewProduct.NewVariant(variant.sku(), variant.title(),
                                io.boucle.shared.Money.euros(price), variant.weightGrams(), variant.barcode())).toList(),
                product.attributes(), product.secondHand(), product.featured(), product.publish(), product.metaTitle(),
                product.metaDescription()));
    }

    @Test
    void aBelgianCompanyIsToldWhetherItsVatNumberExemptsTheOrder() {
        String product = http.get("/p/" + slug).body();
        http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku", sku, "quantity", "1"));
        String cart = http.get("/panier").body();

        HttpResponse<String> invalid = http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", "achats-" + id + "@lumen.example", "name", "Lou Peeters", "line1", "Rue Haute 12", "postalCode", "1000",
                "city", "Bruxelles", "country", "BE", "companyName", "Atelier Lumen", "vatNumber", "BE0123456748",
                "delivery", "home", "paymentMethod", "card"));
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(302);
        assertThat(http.get("/commande/confirmation").body())
                .contains("Ce numéro de TVA n&#39;est pas valide pour les livraisons intracommunautaires : la TVA française s&#39;applique.")
                .contains("29,00");

        HttpResponse<String> valid = http.postForm("/commande/informations", Http.form("_csrf", Http.csrfToken(cart),
                "email", "achats-" + id + "@lumen.example", "name", "Lou Peeters", "line1", "Rue Haute 12", "postalCode", "1000",
                "city", "Bruxelles", "country", "BE", "companyName", "Atelier Lumen", "vatNumber", "BE0123456749",
                "delivery", "home", "paymentMethod", "card"));
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(302);
        String confirm = http.get("/commande/confirmation").body();
        assertThat(confirm).contains("Numéro de TVA vérifié : livraison intracommunautaire exonérée de TVA (article 262 ter I du CGI).")
                .as("29.00 incl. 20 % shown excl. VAT").contains("24,17").doesNotContain("29,00");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        assertThat(http.postForm("/panier/ajouter", Http.form("sku", sku, "quantity", "1")).statusCode()).isEqualTo(403);
    }

    @Test
    void addingMoreThanTheStockSaysHowManyAreLeft() {
        String product = http.get("/p/" + slug).body();
        http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku", sku, "quantity", "5"));

        String cart = http.get("/panier").body();

        assertThat(cart).contains("Stock insuffisant : il en reste 3.");
    }

    @Autowired
    io.boucle.pricing.ExchangeRates rates;

    @Test
    void theCartPageChargesInAnotherOfferedCurrencyThroughAFormWithItsCsrfToken() throws Exception {
        try (var sample = new org.springframework.core.io.ClassPathResource("exchange-rates/eurofxref-daily-sample.xml").getInputStream()) {
            rates.importEcb(sample.readAllBytes(), "sample for tests");
        }
        String product = http.get("/p/" + slug).body();
        http.postForm("/panier/ajouter", Http.form("_csrf", Http.csrfToken(product), "sku", sku, "quantity", "1"));
        String cart = http.get("/panier").body();
        assertThat(cart).contains("name=\"currency\"").doesNotContain("Montants en GBP");
        assertThat(http.postForm("/panier/devise", Http.form("currency", "GBP")).statusCode()).as("no CSRF token").isEqualTo(403);

        HttpResponse<String> chosen = http.postForm("/panier/devise", Http.form("_csrf", Http.csrfToken(cart), "currency", "GBP"));

        assertThat(chosen.statusCode()).isEqualTo(302);
        String inPounds = http.get("/panier").body();
        assertThat(inPounds).contains("Montants en GBP au cours de référence", "29,00")
                .containsPattern("<option value=\"GBP\"[^>]*selected");
        http.postForm("/panier/devise", Http.form("_csrf", Http.csrfToken(inPounds), "currency", "SEK"));
        assertThat(http.get("/panier").body()).as("a currency not offered is refused, the cart unchanged")
                .contains("Montants en GBP");
    }
}
