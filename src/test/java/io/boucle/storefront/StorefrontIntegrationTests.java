package io.boucle.storefront;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.catalog.NewProduct;
import io.boucle.catalog.SellerType;
import io.boucle.inventory.Inventory;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
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

@IntegrationTest
class StorefrontIntegrationTests {

    /** French prices put a (narrow) no-break space before the euro sign. */
    static final String SPACE = "[\\h]";

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    Http http;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final AtomicInteger sequence = new AtomicInteger();
    String root;
    String category;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        root = "maison-" + id;
        category = "theieres-" + id;
        catalog.addCategory(root, null, 0, LocalizedText.of("Maison " + id, "Home " + id), LocalizedText.of("Pour la maison.", "For the home."));
        catalog.addCategory(category, root, 0, LocalizedText.of("Théières " + id, "Teapots " + id), LocalizedText.of("", ""));
    }

    // Product page

    @Test
    void productPageShowsTitleFrenchPriceAndVatIncluded() {
        String slug = addNew(category, "Théière en fonte", "Cast-iron teapot", "18.90", 10);

        HttpResponse<String> page = http.get("/p/" + slug);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<html lang=\"fr\"").contains("<h1>Théière en fonte</h1>").contains("TTC")
                .contains("En stock").doesNotContain("Cast-iron teapot");
        assertThat(page.body()).containsPattern("class=\"price big\">18,90" + SPACE + "€<");
        assertThat(page.body()).doesNotContain("18.90 €").doesNotContain("€18.90");
    }

    @Test
    void secondHandPageShowsConditionAndDefectsButNeverThePurchasePrice() {
        String slug = "theiere-occasion-" + id;
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Théière ancienne", "Old teapot"),
                LocalizedText.of("Belle pièce.", "A fine piece."), List.of(variant(slug, "24.00")), List.of(),
                new NewProduct.SecondHand(Condition.VERY_GOOD, LocalizedText.of("Un éclat sur le bec", "A chip on the spout"),
                        Money.euros("7.31"), SellerType.PRIVATE, null), false, true));
        inventory.setOnHand(sku(slug), 1);

        String page = http.get("/p/" + slug).body();

        assertThat(page).contains("Seconde main").contains("Très bon état").contains("Un éclat sur le bec");
        assertThat(page).doesNotContain("7,31").doesNotContain("7.31").doesNotContain("PRIVATE");
    }

    @Test
    void pageSaysHowManyAreLeftWhenFewAndSoldOutAtZero() {
        // Each in its own category, so no card of a neighbour shows its own stock on the page.
        String two = addNew(newCategory(), "Deux", null, "10.00", 2);
        String one = addNew(newCategory(), "Une", null, "10.00", 1);
        String none = addNew(newCategory(), "Aucune", null, "10.00", 0);
        String many = addNew(newCategory(), "Beaucoup", null, "10.00", 4);

        assertThat(http.get("/p/" + two).body()).contains("Plus que 2 en stock").doesNotContain("class=\"stock-out\"");
        assertThat(http.get("/p/" + one).body()).containsPattern("Plus qu(&#39;|')un seul en stock");
        String soldOut = http.get("/p/" + none).body();
        assertThat(soldOut).contains("<p class=\"stock-out\">Épuisé</p>").doesNotContain("en stock").doesNotContain("En stock");
        assertThat(http.get("/p/" + many).body()).contains("En stock").doesNotContain("Plus que");
    }

    @Test
    void reservedUnitsAreNotCountedAsLeft() {
        String slug = addNew(category, "Réservée", null, "10.00", 5);
        jdbc.sql("UPDATE inventory.stock SET reserved = 3 WHERE sku = :sku").param("sku", sku(slug)).update();

        assertThat(http.get("/p/" + slug).body()).contains("Plus que 2 en stock");
    }

    @Test
    void reviewsAndAnsweredQuestionsAreShown() {
        String slug = addNew(category, "Bouilloire", "Kettle", "30.00", 3);
        Instant now = Instant.now();
        catalog.addPublishedReview(slug, "Camille Ancienne", 5, "Parfaite", "Chauffe vite et bien.", "fr", now.minus(Duration.ofDays(2)));
        catalog.addPublishedReview(slug, "Sam Récent", 4, "Good", "Nice and quiet.", "en", now.minus(Duration.ofDays(1)));
        catalog.addAnsweredQuestion(slug, "Quelle contenance ?", "1,7 litre.", "fr", now);

        String page = http.get("/p/" + slug).body();

        assertThat(page).contains("Avis clients").contains("Camille Ancienne").contains("Chauffe vite et bien.")
                .contains("Sam Récent").contains("Nice and quiet.").doesNotContain("Pas encore d");
        assertThat(page).contains("Questions et réponses").contains("Quelle contenance ?").contains("1,7 litre.");
        assertThat(page).contains("★ 4,5 · 2 avis");
        assertThat(page.indexOf("Sam Récent")).as("newest review first").isLessThan(page.indexOf("Camille Ancienne"));
    }

    @Test
    void reviewWithAScriptIsShownAsText() {
        String slug = addNew(category, "Tasse", null, "8.00", 3);
        catalog.addPublishedReview(slug, "<b>Mallory</b>", 1, "<img src=x onerror=alert(2)>", "<script>alert(1)</script>", "fr",
                Instant.now());

        String page = http.get("/p/" + slug).body();

        assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("<img src=x").doesNotContain("<b>Mallory");
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;b&gt;Mallory&lt;/b&gt;");
    }

    @Test
    void descriptionIsMarkdownWithRawHtmlEscaped() {
        String slug = "description-" + id;
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Carafe", null),
                LocalizedText.of("""
                        Une carafe **soufflée bouche**.

                        <script>alert(3)</script>

                        <img src=x onerror=alert(4)> [lien](javascript:alert(5))
                        """, null),
                List.of(variant(slug, "20.00")), List.of(), null, false, true));
        inventory.setOnHand(sku(slug), 3);

        String page = http.get("/p/" + slug).body();

        assertThat(page).contains("<strong>soufflée bouche</strong>");
        assertThat(page).doesNotContain("<script>alert(3)").doesNotContain("<img src=x").doesNotContain("href=\"javascript:");
        assertThat(page).contains("&lt;script&gt;alert(3)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(4)&gt;");
        assertThat(jsonLd(page).get(0).get("description").asString()).contains("soufflée bouche").contains("</script");
        assertThat(scriptBlock(page)).as("no text closes the JSON-LD script").doesNotContain("</script").contains("\\u003c/script");
    }

    @Test
    void jsonLdDescribesASecondHandItemAsUsedWithItsBreadcrumb() {
        String slug = "occasion-" + id;
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Théière d'occasion", "Used teapot"), null,
                List.of(variant(slug, "24.00")), List.of(),
                new NewProduct.SecondHand(Condition.GOOD, null, Money.euros("6.00"), SellerType.PRIVATE, null), false, true));
        inventory.setOnHand(sku(slug), 1);

        JsonNode graph = jsonLd(http.get("/p/" + slug).body());

        JsonNode product = graph.get(0);
        assertThat(product.get("@type").asString()).isEqualTo("Product");
        assertThat(product.get("name").asString()).isEqualTo("Théière d'occasion");
        assertThat(product.get("sku").asString()).isEqualTo(sku(slug));
        JsonNode offer = product.get("offers");
        assertThat(offer.get("itemCondition").asString()).isEqualTo("https://schema.org/UsedCondition");
        assertThat(offer.get("price").asString()).isEqualTo("24.00");
        assertThat(offer.get("priceCurrency").asString()).isEqualTo("EUR");
        assertThat(offer.get("availability").asString()).isEqualTo("https://schema.org/InStock");
        assertThat(offer.get("url").asString()).endsWith("/p/" + slug);
        assertThat(product.has("aggregateRating")).as("no reviews yet").isFalse();
        assertThat(graph.toString()).doesNotContain("6.00");

        JsonNode breadcrumb = graph.get(1);
        assertThat(breadcrumb.get("@type").asString()).isEqualTo("BreadcrumbList");
        JsonNode items = breadcrumb.get("itemListElement");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(items.get(0).get("name").asString()).isEqualTo("Maison " + id);
        assertThat(items.get(0).get("item").asString()).endsWith("/c/" + root);
        assertThat(items.get(1).get("position").asInt()).isEqualTo(2);
        assertThat(items.get(1).get("item").asString()).endsWith("/c/" + category);
    }

    @Test
    void jsonLdDescribesANewProductAsNewWithItsRatingAndStock() {
        String slug = addNew(category, "Théière neuve", null, "49.90", 0);
        catalog.addPublishedReview(slug, "A", 5, "", "Super", "fr", Instant.now());
        catalog.addPublishedReview(slug, "B", 4, "", "Bien", "fr", Instant.now());
        catalog.addPublishedReview(slug, "C", 4, "", "Bien", "fr", Instant.now());

        JsonNode product = jsonLd(http.get("/p/" + slug).body()).get(0);

        assertThat(product.get("offers").get("itemCondition").asString()).isEqualTo("https://schema.org/NewCondition");
        assertThat(product.get("offers").get("availability").asString()).isEqualTo("https://schema.org/OutOfStock");
        assertThat(product.get("offers").get("price").asString()).isEqualTo("49.90");
        JsonNode rating = product.get("aggregateRating");
        assertThat(rating.get("@type").asString()).isEqualTo("AggregateRating");
        assertThat(rating.get("ratingValue").asString()).isEqualTo("4.3");
        assertThat(rating.get("reviewCount").asInt()).isEqualTo(3);
    }

    @Test
    void productPageHasACanonicalLinkAndLanguageAlternates() {
        String slug = addNew(category, "Mug", "Mug", "12.00", 3);

        String page = http.get("/p/" + slug + "?utm_source=newsletter").body();

        Matcher canonical = Pattern.compile("<link rel=\"canonical\" href=\"(https?://[^\"]+)\"").matcher(page);
        assertThat(canonical.find()).as("canonical link").isTrue();
        assertThat(canonical.group(1)).endsWith("/p/" + slug).doesNotContain("utm_source");
        assertThat(page).contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"" + canonical.group(1) + "?lang=fr\">")
                .contains("<link rel=\"alternate\" hreflang=\"en\" href=\"" + canonical.group(1) + "?lang=en\">");
    }

    @Test
    void englishPageShowsEnglishTitleAndPrice() {
        String slug = addNew(category, "Théière en fonte", "Cast-iron teapot", "18.90", 10);

        String page = http.get("/p/" + slug + "?lang=en").body();

        assertThat(page).contains("<html lang=\"en\"").contains("<h1>Cast-iron teapot</h1>").contains("€18.90")
                .contains("incl. VAT").contains("In stock").doesNotContain("Théière en fonte").doesNotContain("TTC");
        assertThat(page).doesNotContainPattern("18,90" + SPACE + "€");
        assertThat(jsonLd(page).get(0).get("name").asString()).isEqualTo("Cast-iron teapot");
        assertThat(http.get("/p/" + slug).body()).as("the choice is remembered").contains("<h1>Cast-iron teapot</h1>");
    }

    @Test
    void newProductAndItsSecondHandCopiesLinkToEachOther() {
        String fresh = addNew(category, "Théière neuve", null, "60.00", 5);
        String copy = "copie-" + id;
        catalog.add(new NewProduct(copy, category, null, "STANDARD", LocalizedText.of("Théière de seconde main", null), null,
                List.of(variant(copy, "35.00")), List.of(),
                new NewProduct.SecondHand(Condition.FAIR, null, Money.euros("10.00"), SellerType.PRIVATE, fresh), false, true));

        assertThat(http.get("/p/" + fresh).body()).contains("Le même en seconde main").contains("href=\"/p/" + copy + "\"");
        assertThat(http.get("/p/" + copy).body()).contains("Le même, neuf").contains("href=\"/p/" + fresh + "\"");
    }

    @Test
    void unknownProductIsAFriendly404Page() {
        for (String path : List.of("/p/nothing-here-" + id, "/p/Not_A_Slug", "/c/nowhere-" + id)) {
            HttpResponse<String> missing = http.get(path, "Accept", "text/html");
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(missing.body()).contains("Page introuvable").doesNotContain("Whitelabel").doesNotContain("Exception");
        }
    }

    @Test
    void draftProductHasNoPage() {
        String slug = "brouillon-" + id;
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of("Brouillon", null), null,
                List.of(variant(slug, "10.00")), List.of(), null, false, false));

        assertThat(http.get("/p/" + slug, "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(http.get("/c/" + category).body()).doesNotContain(slug);
    }

    // Category page

    @Test
    void categoryPageListsProductsOfItsSubCategories() {
        String inChild = addNew(category, "Théière bleue", null, "30.00", 2);
        String inRoot = addNew(root, "Plateau", null, "15.00", 2);

        HttpResponse<String> page = http.get("/c/" + root);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Maison " + id + "</h1>").contains("Pour la maison.")
                .contains("href=\"/p/" + inChild + "\"").contains("href=\"/p/" + inRoot + "\"").contains("2 produits")
                .contains("href=\"/c/" + category + "\"");
        assertThat(page.body()).containsPattern("30,00" + SPACE + "€");
        assertThat(http.get("/c/" + category).body()).contains("href=\"/p/" + inChild + "\"").doesNotContain("/p/" + inRoot + "\"")
                .contains("1 produit<");
    }

    @Test
    void categoryPageFiltersSecondHandItems() {
        String fresh = addNew(category, "Neuve", null, "30.00", 2);
        String used = "filtre-occasion-" + id;
        catalog.add(new NewProduct(used, category, null, "STANDARD", LocalizedText.of("Usagée", null), null,
                List.of(variant(used, "12.00")), List.of(),
                new NewProduct.SecondHand(Condition.GOOD, null, Money.euros("2.00"), SellerType.PRIVATE, null), false, true));

        String secondHand = http.get("/c/" + root + "?kind=occasion").body();
        String newOnly = http.get("/c/" + root + "?kind=neuf").body();

        assertThat(secondHand).contains("href=\"/p/" + used + "\"").doesNotContain("href=\"/p/" + fresh + "\"").contains("Bon état")
                .contains("<option value=\"occasion\" selected=\"selected\">");
        assertThat(newOnly).contains("href=\"/p/" + fresh + "\"").doesNotContain("href=\"/p/" + used + "\"");
    }

    @Test
    void categoryPageSortsByPrice() {
        String middle = addNew(category, "Moyenne", null, "20.00", 1);
        String cheap = addNew(category, "Petite", null, "5.00", 1);
        String dear = addNew(category, "Grande", null, "90.00", 1);

        assertThat(productOrder(http.get("/c/" + category + "?sort=PRICE_ASC").body())).containsExactly(cheap, middle, dear);
        assertThat(productOrder(http.get("/c/" + category + "?sort=PRICE_DESC").body())).containsExactly(dear, middle, cheap);
        assertThat(productOrder(http.get("/c/" + category + "?sort=PRICE_ASC&minPrice=6&maxPrice=50").body())).containsExactly(middle);
        assertThat(http.get("/c/" + category + "?sort=NONSENSE").statusCode()).as("unknown sort falls back").isEqualTo(200);
    }

    @Test
    void categoryPageMarksSoldOutProducts() {
        String soldOut = addNew(category, "Partie", null, "10.00", 0);

        String page = http.get("/c/" + category).body();

        assertThat(page).contains("href=\"/p/" + soldOut + "\"").contains("Épuisé");
    }

    @Test
    void englishCategoryPageUsesEnglishNamesAndPrices() {
        addNew(category, "Théière", "Teapot", "18.90", 1);

        String page = http.get("/c/" + root + "?lang=en").body();

        assertThat(page).contains("<h1>Home " + id + "</h1>").contains("Teapot").contains("€18.90").contains("1 product<")
                .doesNotContain("Théière<");
    }

    // Product images

    @Test
    void productImageIsAnSvgCachedForLong() {
        HttpResponse<String> image = http.get("/media/products/theiere-" + id + ".svg");

        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(image.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
                assertThat(value).contains("max-age=2592000").contains("public"));
        assertThat(image.body()).startsWith("<svg xmlns='http://www.w3.org/2000/svg'").endsWith("</svg>");
        assertThat(http.get("/media/products/theiere-" + id + ".svg").body()).as("the same every time").isEqualTo(image.body());
    }

    @Test
    void productImageWithBadCharactersIsNotFound() {
        for (String slug : List.of("Theiere", "the_iere", "the%20iere", "the.iere", "x".repeat(121))) {
            assertThat(http.get("/media/products/" + slug + ".svg").statusCode()).as(slug).isEqualTo(404);
        }
    }

    // Helpers

    private String sku(String slug) {
        return "SF-" + slug;
    }

    private NewProduct.NewVariant variant(String slug, String price) {
        return new NewProduct.NewVariant(sku(slug), null, Money.euros(price), null, null);
    }

    private String addNew(String categorySlug, String title, String titleEn, String price, int stock) {
        String slug = "p-" + id + "-" + sequence.incrementAndGet();
        catalog.add(new NewProduct(slug, categorySlug, null, "STANDARD", LocalizedText.of(title, titleEn), null,
                List.of(variant(slug, price)), List.of(), null, false, true));
        inventory.setOnHand(sku(slug), stock);
        return slug;
    }

    private String newCategory() {
        String slug = "cat-" + id + "-" + sequence.incrementAndGet();
        catalog.addCategory(slug, root, 1, LocalizedText.of("Rayon " + slug, null), LocalizedText.of("", ""));
        return slug;
    }

    private static String scriptBlock(String page) {
        Matcher script = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertThat(script.find()).as("JSON-LD script").isTrue();
        return script.group(1);
    }

    private JsonNode jsonLd(String page) {
        JsonNode graph = json.readTree(scriptBlock(page));
        assertThat(graph.isArray()).isTrue();
        return graph;
    }

    /** The product pages linked from the product grid, in order. */
    private List<String> productOrder(String page) {
        String grid = page.substring(page.indexOf("class=\"count\""));
        Matcher link = Pattern.compile("href=\"/p/([a-z0-9-]+)\"").matcher(grid);
        List<String> slugs = new ArrayList<>();
        while (link.find()) {
            if (!slugs.contains(link.group(1))) {
                slugs.add(link.group(1));
            }
        }
        return slugs;
    }
}
