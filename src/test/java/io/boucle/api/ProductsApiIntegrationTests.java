package io.boucle.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.boucle.catalog.Catalog;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.LocalizedText;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
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
class ProductsApiIntegrationTests {

    static final String OWNER_TOKEN = "bcl_owner_token_for_tests_0123456789";

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    Http http;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final AtomicInteger sequence = new AtomicInteger();
    String category;
    String subCategory;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        category = "api-" + id;
        subCategory = "api-" + id + "-sub";
        catalog.addCategory(category, null, 0, LocalizedText.of("Cuisine", "Kitchen"), LocalizedText.of("", ""));
        catalog.addCategory(subCategory, category, 0, LocalizedText.of("Théières", "Teapots"), LocalizedText.of("", ""));
    }

    // Creating

    @Test
    void ownerCreatesAProductAndGets201WithMoneyAsStrings() {
        String slug = "bouilloire-" + id;
        HttpResponse<String> created = create("""
                {"slug": "%s", "title": "Bouilloire", "titleEn": "Kettle", "description": "En **inox**.",
                 "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "title": "1 litre", "price": {"amount": "39.9", "currency": "EUR"}, "stock": 3},
                              {"sku": "%s", "title": "2 litres", "price": {"amount": "49.00", "currency": "EUR"}, "stock": 0}]}
                """.formatted(slug, subCategory, sku("1L"), sku("2L")));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode product = json.readTree(created.body());
        assertThat(product.get("slug").asString()).isEqualTo(slug);
        assertThat(product.get("title").asString()).isEqualTo("Bouilloire");
        assertThat(product.get("category").asString()).isEqualTo(subCategory);
        assertThat(product.get("secondHand").asBoolean()).isFalse();
        assertThat(product.get("condition").asString()).isEqualTo("NEW");
        JsonNode price = product.get("variants").get(0).get("price");
        assertThat(price.get("amount").isString()).as("amount as a decimal string").isTrue();
        assertThat(price.get("amount").asString()).isEqualTo("39.90");
        assertThat(price.get("currency").asString()).isEqualTo("EUR");
        assertThat(created.body()).contains("\"amount\":\"39.90\"").contains("\"amount\":\"49.00\"");
        assertThat(product.get("variants").get(0).get("available").asInt()).isEqualTo(3);
        assertThat(product.get("image").asString()).isEqualTo("/media/products/" + slug + ".svg");

        HttpResponse<String> shown = http.get("/api/v1/products/" + slug);
        assertThat(shown.statusCode()).isEqualTo(200);
        JsonNode variants = json.readTree(shown.body()).get("variants");
        assertThat(variants.get(0).get("sku").asString()).isEqualTo(sku("1L"));
        assertThat(variants.get(0).get("available").asInt()).isEqualTo(3);
        assertThat(variants.get(1).get("available").asInt()).isZero();
        assertThat(variants.get(1).get("price").get("amount").asString()).isEqualTo("49.00");
    }

    @Test
    void managerMayCreateProducts() {
        String token = staffToken(Role.MANAGER);
        HttpResponse<String> created = http.postJson("/api/v1/admin/products", simpleProduct("gerant-" + id, sku("M"), "5.00"),
                "Authorization", "Bearer " + token);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(http.get("/api/v1/products/gerant-" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void purchasePriceOfASecondHandItemNeverAppearsInAnyProductJson() {
        String slug = "theiere-occasion-" + id;
        HttpResponse<String> created = create("""
                {"slug": "%s", "title": "Théière", "titleEn": "Teapot", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "24.00", "currency": "EUR"}, "stock": 1}],
                 "secondHand": {"condition": "VERY_GOOD", "purchasePrice": {"amount": "7.31", "currency": "EUR"},
                                "seller": "VAT_REGISTERED", "defects": "Un éclat sur le couvercle", "defectsEn": "A chip on the lid"}}
                """.formatted(slug, subCategory, sku("U")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(jdbc.sql("""
                SELECT a.purchase_price::text FROM catalog.acquisition a JOIN catalog.product p ON p.id = a.product_id
                WHERE p.slug = :slug""").param("slug", slug).query(String.class).single())
                .as("the purchase price is kept, for margin-scheme VAT").startsWith("7.31");

        List<HttpResponse<String>> views = List.of(created,
                http.get("/api/v1/products/" + slug),
                http.get("/api/v1/products/" + slug, "Accept-Language", "en"),
                http.get("/api/v1/products?category=" + category),
                http.get("/api/v1/products?category=" + category + "&condition=second-hand"));
        for (HttpResponse<String> view : views) {
            assertThat(view.statusCode()).isIn(200, 201);
            assertThat(view.body()).contains(slug).doesNotContain("7.31").doesNotContain("7,31")
                    .doesNotContainIgnoringCase("purchase").doesNotContainIgnoringCase("seller")
                    .doesNotContain("VAT_REGISTERED").doesNotContainIgnoringCase("acquisition");
        }
        JsonNode product = json.readTree(views.get(1).body());
        assertThat(product.get("secondHand").asBoolean()).isTrue();
        assertThat(product.get("condition").asString()).isEqualTo("VERY_GOOD");
        assertThat(product.get("conditionLabel").asString()).isEqualTo("Très bon état");
        assertThat(product.get("defects").asString()).isEqualTo("Un éclat sur le couvercle");
        assertThat(product.get("variants").get(0).get("condition").asString()).isEqualTo("VERY_GOOD");
    }

    @Test
    void secondHandItemWithMoreThanOneInStockIsRefusedAndNothingIsCreated() {
        String slug = "unique-" + id;
        HttpResponse<String> refused = create("""
                {"slug": "%s", "title": "Veste", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "30.00", "currency": "EUR"}, "stock": 2}],
                 "secondHand": {"condition": "GOOD", "purchasePrice": {"amount": "5.00", "currency": "EUR"}, "seller": "PRIVATE"}}
                """.formatted(slug, category, sku("U")));

        assertProblem(refused, 400).contains("stock").contains("unique");
        assertNothingCreated(slug, sku("U"));
    }

    @Test
    void stockOfASecondHandItemCannotBeRaisedAboveOne() {
        String slug = "unique-stock-" + id;
        HttpResponse<String> created = create("""
                {"slug": "%s", "title": "Veste", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "30.00", "currency": "EUR"}, "stock": 1}],
                 "secondHand": {"condition": "GOOD", "purchasePrice": {"amount": "5.00", "currency": "EUR"}, "seller": "PRIVATE"}}
                """.formatted(slug, category, sku("UQ")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        assertProblem(putStock(sku("UQ"), "{\"onHand\": 5}"), 400).contains("unique");
        assertThat(putStock(sku("UQ"), "{\"onHand\": 0}").statusCode()).isEqualTo(200);
    }

    @Test
    void secondHandItemWithTwoVariantsIsRefusedAndNothingIsCreated() {
        String slug = "deux-" + id;
        HttpResponse<String> refused = create("""
                {"slug": "%s", "title": "Veste", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "30.00", "currency": "EUR"}, "stock": 1},
                              {"sku": "%s", "price": {"amount": "30.00", "currency": "EUR"}, "stock": 1}],
                 "secondHand": {"condition": "GOOD", "purchasePrice": {"amount": "5.00", "currency": "EUR"}, "seller": "PRIVATE"}}
                """.formatted(slug, category, sku("A"), sku("B")));

        assertProblem(refused, 400).contains("exactly one");
        assertNothingCreated(slug, sku("A"));
        assertNothingCreated(slug, sku("B"));
    }

    @Test
    void missingTitleIsRefusedNamingTheField() {
        String slug = "sans-titre-" + id;
        HttpResponse<String> refused = create("""
                {"slug": "%s", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "10.00", "currency": "EUR"}, "stock": 1}]}
                """.formatted(slug, category, sku("T")));

        assertProblem(refused, 400);
        assertThat(fields(refused)).contains("title");
        assertNothingCreated(slug, sku("T"));
    }

    @Test
    void missingVariantsAndPricesAreRefusedNamingEachField() {
        HttpResponse<String> noVariants = create("""
                {"slug": "vide-%s", "title": "Vide", "category": "%s", "taxCategory": "STANDARD", "variants": []}
                """.formatted(id, category));
        HttpResponse<String> noPrice = create("""
                {"slug": "vide-%s", "title": "Vide", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "stock": -1}]}
                """.formatted(id, category, sku("P")));

        assertProblem(noVariants, 400);
        assertThat(fields(noVariants)).contains("variants");
        assertProblem(noPrice, 400);
        assertThat(fields(noPrice)).contains("variants[0].price", "variants[0].stock");
        assertNothingCreated("vide-" + id, sku("P"));
    }

    @Test
    void onlyTheContractFieldsAreNeeded() {
        String slug = "minimal-" + id;
        HttpResponse<String> created = create("""
                {"title": "Minimal %s", "category": "%s", "taxCategory": "SUPER_REDUCED_2_1",
                 "variants": [{"sku": "%s", "price": {"amount": "2.10", "currency": "EUR"}}]}
                """.formatted(id, category, sku("MIN")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode product = json.readTree(created.body());
        assertThat(product.get("slug").asString()).isEqualTo(slug);
        assertThat(product.get("taxCategory").asString()).isEqualTo("SUPER_REDUCED_2_1");
        assertThat(product.get("variants").get(0).get("available").asInt()).as("no stock given: none").isZero();
        assertThat(http.get("/api/v1/products/" + slug).statusCode()).as("published unless asked otherwise").isEqualTo(200);
    }

    @Test
    void nullVariantIsRefusedNotAServerError() {
        HttpResponse<String> refused = create("""
                {"slug": "nul-%s", "title": "Nul", "category": "%s", "taxCategory": "STANDARD", "variants": [null]}
                """.formatted(id, category));

        assertProblem(refused, 400);
        assertThat(fields(refused)).anyMatch(field -> field.startsWith("variants[0]"));
        assertThat(jdbc.sql("SELECT count(*) FROM catalog.product WHERE slug = :slug").param("slug", "nul-" + id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void negativePriceIsRefusedWithAClearMessage() {
        String slug = "negatif-" + id;
        HttpResponse<String> refused = create(simpleProduct(slug, sku("N"), "-1.00"));

        assertProblem(refused, 400).contains("price").contains(sku("N"));
        assertNothingCreated(slug, sku("N"));
    }

    @Test
    void priceWithFractionsOfACentIsRefused() {
        String slug = "millieme-" + id;
        HttpResponse<String> refused = create(simpleProduct(slug, sku("F"), "10.005"));

        assertProblem(refused, 400).contains("price");
        assertNothingCreated(slug, sku("F"));
    }

    @Test
    void malformedOrUnknownCurrencyIsRefused() {
        HttpResponse<String> malformed = create(simpleProduct("devise-" + id, sku("C"), "10.00").replace("\"EUR\"", "\"euro\""));
        HttpResponse<String> unknown = create(simpleProduct("devise-" + id, sku("C"), "10.00").replace("\"EUR\"", "\"ABC\""));
        HttpResponse<String> notANumber = create(simpleProduct("devise-" + id, sku("C"), "10.00").replace("\"10.00\"", "\"dix\""));

        assertProblem(malformed, 400);
        assertThat(fields(malformed)).contains("variants[0].price.currency");
        assertProblem(unknown, 400).contains("ABC");
        assertProblem(notANumber, 400);
        assertThat(fields(notANumber)).contains("variants[0].price.amount");
        assertNothingCreated("devise-" + id, sku("C"));
    }

    @Test
    void unknownCategoryIsRefusedWithItsName() {
        String slug = "perdu-" + id;
        HttpResponse<String> refused = create(simpleProduct(slug, sku("K"), "10.00").replace(category, "nulle-part-" + id));

        assertProblem(refused, 400).contains("category").contains("nulle-part-" + id);
        assertNothingCreated(slug, sku("K"));
    }

    @Test
    void skuAlreadyUsedIsRefusedAndTheFirstProductKeepsItsStock() {
        assertThat(create(simpleProduct("premier-" + id, sku("D"), "10.00")).statusCode()).isEqualTo(201);
        HttpResponse<String> refused = create(simpleProduct("second-" + id, sku("D"), "12.00").replace("\"stock\": 4", "\"stock\": 9"));

        assertProblem(refused, 400).contains(sku("D")).contains("already used");
        assertThat(http.get("/api/v1/products/second-" + id).statusCode()).isEqualTo(404);
        assertThat(json.readTree(http.get("/api/v1/products/premier-" + id).body()).get("variants").get(0).get("available").asInt())
                .isEqualTo(4);
    }

    @Test
    void malformedJsonOrUnknownConditionIsA400() {
        String slug = "etat-" + id;
        assertProblem(create("{\"title\": "), 400).contains("not valid JSON");
        assertProblem(create("""
                {"slug": "%s", "title": "Veste", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "30.00", "currency": "EUR"}, "stock": 1}],
                 "secondHand": {"condition": "MINT", "purchasePrice": {"amount": "5.00", "currency": "EUR"}, "seller": "PRIVATE"}}
                """.formatted(slug, category, sku("E"))), 400);
        assertNothingCreated(slug, sku("E"));
    }

    // Who may create

    @Test
    void creatingWithoutATokenIs401AndCreatesNothing() {
        String slug = "anonyme-" + id;
        HttpResponse<String> refused = http.postJson("/api/v1/admin/products", simpleProduct(slug, sku("A"), "10.00"));

        assertProblem(refused, 401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertNothingCreated(slug, sku("A"));
    }

    @Test
    void creatingWithAnUnknownTokenIs401() {
        HttpResponse<String> refused = http.postJson("/api/v1/admin/products", simpleProduct("faux-" + id, sku("A"), "10.00"),
                "Authorization", "Bearer bcl_not_a_real_token_" + id);
        assertProblem(refused, 401);
        assertNothingCreated("faux-" + id, sku("A"));
    }

    @Test
    void supportTokenMayNeitherCreateProductsNorSetStock() {
        String token = staffToken(Role.SUPPORT);
        String slug = "support-" + id;

        HttpResponse<String> refused = http.postJson("/api/v1/admin/products", simpleProduct(slug, sku("S"), "10.00"),
                "Authorization", "Bearer " + token);
        HttpResponse<String> stock = http.send(http.request("/api/v1/admin/inventory/" + sku("S"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\": 5}")).build());

        assertProblem(refused, 403);
        assertProblem(stock, 403);
        assertNothingCreated(slug, sku("S"));
    }

    // Reading

    @Test
    void unknownProductIs404ProblemJson() {
        HttpResponse<String> missing = http.get("/api/v1/products/nothing-here-" + id);
        assertProblem(missing, 404).contains("nothing-here-" + id);
        assertProblem(http.get("/api/v1/products/Not%20A%20Slug"), 404);
    }

    @Test
    void draftIsNotPublic() {
        String slug = "brouillon-" + id;
        assertThat(create(simpleProduct(slug, sku("D"), "10.00").replace("\"taxCategory\"", "\"publish\": false, \"taxCategory\""))
                .statusCode()).isEqualTo(201);

        assertProblem(http.get("/api/v1/products/" + slug), 404);
        assertThat(http.get("/api/v1/products?category=" + category).body()).doesNotContain(slug);
    }

    @Test
    void listHasItsPagingShapeAndFilters() {
        String cheap = createSimple(category, "3.00", 0);
        String middle = createSimple(subCategory, "12.00", 2);
        String dear = createSimple(subCategory, "40.00", 1);
        String used = "occasion-" + id;
        assertThat(create("""
                {"slug": "%s", "title": "Occasion", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "8.00", "currency": "EUR"}, "stock": 1}],
                 "secondHand": {"condition": "FAIR", "purchasePrice": {"amount": "1.00", "currency": "EUR"}, "seller": "PRIVATE"}}
                """.formatted(used, subCategory, sku("OCC"))).statusCode()).isEqualTo(201);

        JsonNode first = list("?category=" + category + "&sort=PRICE_ASC&size=3&page=0");
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(3);
        assertThat(first.get("total").asInt()).isEqualTo(4);
        assertThat(slugs(first)).containsExactly(cheap, used, middle);
        JsonNode item = first.get("items").get(0);
        assertThat(item.get("title").asString()).isEqualTo("Produit " + cheap);
        assertThat(item.get("price").get("amount").asString()).isEqualTo("3.00");
        assertThat(item.get("price").get("currency").asString()).isEqualTo("EUR");
        assertThat(item.get("available").asBoolean()).as("none in stock").isFalse();
        assertThat(item.get("condition").asString()).isEqualTo("NEW");
        assertThat(item.get("image").asString()).isEqualTo("/media/products/" + cheap + ".svg");
        assertThat(first.get("items").get(1).get("condition").asString()).isEqualTo("FAIR");
        assertThat(first.get("items").get(2).get("available").asBoolean()).isTrue();

        JsonNode second = list("?category=" + category + "&sort=PRICE_ASC&size=3&page=1");
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("total").asInt()).isEqualTo(4);
        assertThat(slugs(second)).containsExactly(dear);

        assertThat(slugs(list("?category=" + subCategory + "&sort=PRICE_DESC"))).containsExactly(dear, middle, used);
        assertThat(slugs(list("?category=" + category + "&condition=second-hand"))).containsExactly(used);
        assertThat(slugs(list("?category=" + category + "&condition=new&sort=PRICE_ASC"))).containsExactly(cheap, middle, dear);
        assertThat(slugs(list("?category=" + category + "&minPrice=5&maxPrice=12&sort=PRICE_ASC"))).containsExactly(used, middle);
        JsonNode defaults = list("?category=" + category);
        assertThat(defaults.get("page").asInt()).isZero();
        assertThat(defaults.get("size").asInt()).isEqualTo(20);
    }

    @Test
    void badListParametersAre400ProblemJson() {
        assertProblem(http.get("/api/v1/products?condition=broken"), 400).contains("condition");
        assertProblem(http.get("/api/v1/products?size=0"), 400).contains("size");
        assertProblem(http.get("/api/v1/products?size=101"), 400).contains("size");
        assertProblem(http.get("/api/v1/products?page=-1"), 400).contains("page");
        assertProblem(http.get("/api/v1/products?sort=CHEAPEST"), 400);
        assertProblem(http.get("/api/v1/products?minPrice=abc"), 400);
    }

    @Test
    void textsFollowAcceptLanguage() {
        String slug = "bilingue-" + id;
        assertThat(create("""
                {"slug": "%s", "title": "Théière en fonte", "titleEn": "Cast-iron teapot",
                 "description": "Garde le thé chaud.", "descriptionEn": "Keeps tea warm.",
                 "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "title": "Noire", "titleEn": "Black", "price": {"amount": "45.00", "currency": "EUR"}, "stock": 1}],
                 "secondHand": {"condition": "GOOD", "purchasePrice": {"amount": "9.00", "currency": "EUR"}, "seller": "PRIVATE",
                                "defects": "Rouille légère", "defectsEn": "Light rust"}}
                """.formatted(slug, subCategory, sku("B"))).statusCode()).isEqualTo(201);

        JsonNode english = json.readTree(http.get("/api/v1/products/" + slug, "Accept-Language", "en-GB,en;q=0.9").body());
        JsonNode french = json.readTree(http.get("/api/v1/products/" + slug).body());

        assertThat(english.get("title").asString()).isEqualTo("Cast-iron teapot");
        assertThat(english.get("description").asString()).isEqualTo("Keeps tea warm.");
        assertThat(english.get("conditionLabel").asString()).isEqualTo("Good condition");
        assertThat(english.get("defects").asString()).isEqualTo("Light rust");
        assertThat(english.get("variants").get(0).get("title").asString()).isEqualTo("Black");
        assertThat(french.get("title").asString()).isEqualTo("Théière en fonte");
        assertThat(french.get("conditionLabel").asString()).isEqualTo("Bon état");
        assertThat(french.get("variants").get(0).get("title").asString()).isEqualTo("Noire");
        JsonNode englishList = json.readTree(http.get("/api/v1/products?category=" + subCategory, "Accept-Language", "en").body());
        assertThat(englishList.get("items").get(0).get("title").asString()).isEqualTo("Cast-iron teapot");
    }

    // Stock

    @Test
    void publicQueriesWithControlCharactersOrAbsurdPricesAreRefusedClearly() {
        assertProblem(http.get("/api/v1/products?q=%00"), 400);
        assertProblem(http.get("/api/v1/products?minPrice=1e1001"), 400);
        assertProblem(http.get("/api/v1/products?category=%00"), 400);
        assertProblem(http.get("/api/v1/products?q=velo&maxPrice=50"), 400);
    }

    @Test
    void productPricedInAnotherCurrencyIsRefused() {
        String slug = "usd-" + id;
        assertProblem(create(simpleProduct(slug, sku("USD"), "10.00").replace("\"EUR\"", "\"USD\"")), 400);
        assertNothingCreated(slug, sku("USD"));
    }

    @Test
    void stockOfAnUnknownSkuIsNotFoundAndNothingIsStored() {
        assertProblem(putStock(sku("NOPE"), "{\"onHand\": 5}"), 404);
        assertThat(jdbc.sql("SELECT count(*) FROM inventory.stock WHERE sku = :sku").param("sku", sku("NOPE"))
                .query(Long.class).single()).isZero();
    }

    @Test
    void settingStockMakesTheProductAvailable() {
        String slug = createSimple(category, "10.00", 0);
        String sku = sku(slug);
        assertThat(listItem(slug).get("available").asBoolean()).isFalse();

        HttpResponse<String> set = putStock(sku, "{\"onHand\": 7}");

        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode level = json.readTree(set.body());
        assertThat(level.get("sku").asString()).isEqualTo(sku);
        assertThat(level.get("onHand").asInt()).isEqualTo(7);
        assertThat(level.get("reserved").asInt()).isZero();
        assertThat(json.readTree(http.get("/api/v1/products/" + slug).body()).get("variants").get(0).get("available").asInt()).isEqualTo(7);
        assertThat(listItem(slug).get("available").asBoolean()).isTrue();

        assertThat(putStock(sku, "{\"onHand\": 0}").statusCode()).isEqualTo(200);
        assertThat(listItem(slug).get("available").asBoolean()).isFalse();
    }

    @Test
    void negativeOrMissingStockIsRefused() {
        String slug = createSimple(category, "10.00", 3);
        String sku = sku(slug);

        HttpResponse<String> negative = putStock(sku, "{\"onHand\": -1}");
        HttpResponse<String> missing = putStock(sku, "{}");

        assertProblem(negative, 400);
        assertThat(fields(negative)).contains("onHand");
        assertProblem(missing, 400);
        assertThat(fields(missing)).contains("onHand");
        assertThat(json.readTree(http.get("/api/v1/products/" + slug).body()).get("variants").get(0).get("available").asInt()).isEqualTo(3);
    }

    @Test
    void stockBelowWhatIsReservedIsAConflict() {
        String slug = createSimple(category, "10.00", 5);
        String sku = sku(slug);
        jdbc.sql("UPDATE inventory.stock SET reserved = 4 WHERE sku = :sku").param("sku", sku).update();

        assertProblem(putStock(sku, "{\"onHand\": 3}"), 409).contains("reserved");
        assertThat(json.readTree(http.get("/api/v1/products/" + slug).body()).get("variants").get(0).get("available").asInt())
                .as("5 on hand, 4 reserved").isEqualTo(1);
        assertThat(putStock(sku, "{\"onHand\": 4}").statusCode()).isEqualTo(200);
    }

    // Helpers

    private String sku(String suffix) {
        return "API-" + id + "-" + suffix;
    }

    private HttpResponse<String> create(String body) {
        return http.postJson("/api/v1/admin/products", body, "Authorization", "Bearer " + OWNER_TOKEN);
    }

    private HttpResponse<String> putStock(String sku, String body) {
        return http.send(http.request("/api/v1/admin/inventory/" + sku)
                .header("Authorization", "Bearer " + OWNER_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String simpleProduct(String slug, String sku, String price) {
        return """
                {"slug": "%s", "title": "Produit %s", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "%s", "currency": "EUR"}, "stock": 4}]}
                """.formatted(slug, slug, category, sku, price);
    }

    /** Creates a new product with one variant (SKU {@code sku(slug)}); returns its slug. */
    private String createSimple(String categorySlug, String price, int stock) {
        String slug = "p-" + id + "-" + sequence.incrementAndGet();
        HttpResponse<String> created = create("""
                {"slug": "%s", "title": "Produit %s", "category": "%s", "taxCategory": "STANDARD",
                 "variants": [{"sku": "%s", "price": {"amount": "%s", "currency": "EUR"}, "stock": %d}]}
                """.formatted(slug, slug, categorySlug, sku(slug), price, stock));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return slug;
    }

    private String staffToken(Role role) {
        StaffAccount account = staff.open(EmailAddress.of("api-" + id + "-" + role.name().toLowerCase(Locale.ROOT) + "@boucle.test"),
                "Staff " + role, "a-long-enough-password", Set.of(role), Locale.FRENCH);
        return staff.issueApiToken(account.id(), "tests").token();
    }

    private JsonNode list(String query) {
        HttpResponse<String> answer = http.get("/api/v1/products" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private JsonNode listItem(String slug) {
        for (JsonNode item : list("?category=" + category + "&size=100").get("items")) {
            if (item.get("slug").asString().equals(slug)) {
                return item;
            }
        }
        throw new AssertionError("no " + slug + " in the list");
    }

    private static List<String> slugs(JsonNode page) {
        List<String> slugs = new ArrayList<>();
        page.get("items").forEach(item -> slugs.add(item.get("slug").asString()));
        return slugs;
    }

    private List<String> fields(HttpResponse<String> problem) {
        List<String> fields = new ArrayList<>();
        json.readTree(problem.body()).path("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    /** Checks a problem+json answer with this status; continues with assertions on its detail. */
    private org.assertj.core.api.AbstractStringAssert<?> assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("at io.boucle").doesNotContain("Exception");
        return assertThat(problem.path("detail").asString(""));
    }

    private void assertNothingCreated(String slug, String sku) {
        assertThat(jdbc.sql("SELECT count(*) FROM catalog.product WHERE slug = :slug").param("slug", slug)
                .query(Long.class).single()).as("product rows").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM catalog.variant WHERE sku = :sku").param("sku", sku)
                .query(Long.class).single()).as("variant rows").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM inventory.stock WHERE sku = :sku").param("sku", sku)
                .query(Long.class).single()).as("stock rows").isZero();
    }
}
