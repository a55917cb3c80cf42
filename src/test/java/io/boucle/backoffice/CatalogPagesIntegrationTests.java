package io.boucle.backoffice;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.catalog.ProductDetails;
import io.boucle.catalog.ProductImages;
import io.boucle.catalog.TestImages;
import io.boucle.inventory.Inventory;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The catalog's back-office pages over HTTP: forms, photos, categories, CSV import and export, and who may use them. */
@IntegrationTest
class CatalogPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    ProductImages images;

    @Autowired
    Inventory inventory;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    final String id = UUID.randomUUID().toString().substring(0, 8);
    Http http;

    @BeforeEach
    void client() {
        logins = new StaffLogins(accounts, port);
        http = new Http(port);
    }

    @Test
    void aManagerCreatesAProductWithTheFormAndChangesIt() {
        String category = category();
        logins.signIn(http, Role.MANAGER);
        String page = http.get("/admin/products/new").body();
        assertThat(page).contains("name=\"variantSku\"").contains("name=\"attributeNameFr\"");

        HttpResponse<String> created = http.postForm("/admin/products", Http.form("_csrf", Http.csrfToken(page), "kind", "NEW",
                "titleFr", "Lampe « Lune » " + id, "titleEn", "Moon lamp " + id, "slug", "", "descriptionFr", "Une **lampe**.",
                "descriptionEn", "A **lamp**.", "category", category, "brand", "", "taxCategory", "STANDARD", "status", "PUBLISHED",
                "metaTitle", "Lampe Lune", "metaDescription", "Une lampe ronde.",
                "variantSku", "LUNE-S-" + id, "variantTitleFr", "Petite", "variantTitleEn", "Small", "variantPrice", "39,90",
                "variantWeight", "800", "variantBarcode", "3760306181014", "variantStock", "5",
                "variantSku", "", "variantTitleFr", "", "variantTitleEn", "", "variantPrice", "", "variantWeight", "",
                "variantBarcode", "", "variantStock", "",
                "variantSku", "LUNE-L-" + id, "variantTitleFr", "Grande", "variantTitleEn", "Large", "variantPrice", "59.00",
                "variantWeight", "", "variantBarcode", "", "variantStock", "",
                "attributeNameFr", "Matière", "attributeNameEn", "Material", "attributeValueFr", "Laiton", "attributeValueEn", "Brass",
                "condition", "", "defectsFr", "", "defectsEn", "", "purchasePrice", "", "seller", "", "copyOf", ""));

        String slug = "lampe-lune-" + id;
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/admin/products/" + slug + "/edit");
        ProductDetails product = catalog.findBySlug(slug, false).orElseThrow();
        assertThat(product.variants()).extracting(ProductDetails.Variant::sku).containsExactly("LUNE-S-" + id, "LUNE-L-" + id);
        assertThat(product.variants().getFirst().price()).isEqualTo(Money.euros("39.90"));
        assertThat(product.attributes()).singleElement().extracting(a -> a.value().en()).isEqualTo("Brass");
        assertThat(product.metaTitle()).isEqualTo("Lampe Lune");
        assertThat(inventory.levels(List.of("LUNE-S-" + id)).get("LUNE-S-" + id).onHand()).isEqualTo(5);

        String edit = http.get("/admin/products/" + slug + "/edit").body();
        assertThat(edit).contains("value=\"LUNE-L-" + id + "\"").contains("Produit enregistré.");
        HttpResponse<String> changed = http.postForm("/admin/products/" + slug, Http.form("_csrf", Http.csrfToken(edit), "kind", "NEW",
                "titleFr", "Lampe Lune " + id, "titleEn", "Moon lamp", "slug", slug, "category", category, "taxCategory", "STANDARD",
                "status", "DRAFT", "variantSku", "LUNE-S-" + id, "variantPrice", "35.00", "variantTitleFr", "Petite",
                "variantTitleEn", "Small", "variantWeight", "800", "variantBarcode", ""));
        assertThat(changed.statusCode()).isEqualTo(302);
        NewProduct saved = catalog.editable(slug).orElseThrow();
        assertThat(saved.publish()).isFalse();
        assertThat(saved.variants()).singleElement().satisfies(v -> assertThat(v.price()).isEqualTo(Money.euros("35.00")));

        // Five in stock: it cannot become a unique second-hand item.
        HttpResponse<String> unique = http.postForm("/admin/products/" + slug, Http.form("_csrf", Http.csrfToken(edit),
                "kind", "SECOND_HAND", "titleFr", "Lampe Lune " + id, "slug", slug, "category", category, "taxCategory", "STANDARD",
                "status", "DRAFT", "variantSku", "LUNE-S-" + id, "variantPrice", "35.00", "condition", "GOOD",
                "purchasePrice", "10", "seller", "PRIVATE"));
        assertThat(unique.statusCode()).isEqualTo(200);
        assertThat(unique.body()).contains("a second-hand item is unique").contains("has 5 in stock");
        assertThat(catalog.editable(slug).orElseThrow().secondHand()).isNull();
    }

    @Test
    void aFormWithProblemsIsShownAgainWithAMessageUnderEachFieldAndNothingIsWritten() {
        String category = category();
        catalog.add(new NewProduct("pris-" + id, category, null, "STANDARD", LocalizedText.of("Pris", ""), LocalizedText.of("", ""),
                List.of(new NewProduct.NewVariant("PRIS-" + id, null, Money.euros("5.00"), null, null)), List.of(), null, false, false));
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/products/new").body();

        HttpResponse<String> refused = http.postForm("/admin/products", Http.form("_csrf", Http.csrfToken(page), "kind", "NEW",
                "titleFr", "Refusé " + id, "slug", "pris-" + id, "category", "no-such-category-" + id, "taxCategory", "STANDARD",
                "status", "DRAFT",
                "variantSku", "NEG-" + id, "variantPrice", "-3.00", "variantBarcode", "3760306181015", "variantStock", "",
                "variantSku", "PRIS-" + id, "variantPrice", "abc", "variantBarcode", "", "variantStock", ""));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("an amount in euros such as 12.50").contains("Prix TTC (€) 2 : an amount in euros");
        assertThat(catalog.kindOfSku("NEG-" + id)).isEmpty();

        HttpResponse<String> again = http.postForm("/admin/products", Http.form("_csrf", Http.csrfToken(page), "kind", "NEW",
                "titleFr", "Refusé " + id, "slug", "pris-" + id, "category", "no-such-category-" + id, "taxCategory", "STANDARD",
                "status", "DRAFT",
                "variantSku", "NEG-" + id, "variantPrice", "-3.00", "variantBarcode", "3760306181015", "variantStock", "",
                "variantSku", "PRIS-" + id, "variantPrice", "4.00", "variantBarcode", "", "variantStock", ""));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body())
                .contains("Le formulaire contient des erreurs")
                .contains("a product with the address &#39;pris-" + id + "&#39; already exists")
                .contains("unknown category")
                .contains("a positive amount in cents")
                .contains("not a GTIN")
                .contains("the SKU &#39;PRIS-" + id + "&#39; is already used")
                .contains("value=\"NEG-" + id + "\"");
        assertThat(catalog.kindOfSku("NEG-" + id)).as("nothing written").isEmpty();
        assertThat(catalog.findBySlug("pris-" + id, true).orElseThrow().title().fr()).isEqualTo("Pris");
    }

    @Test
    void aSecondHandItemMadeWithTheFormHasOneUnit() {
        String category = category();
        logins.signIn(http, Role.MANAGER);
        String page = http.get("/admin/products/new?kind=SECOND_HAND").body();
        assertThat(page).contains("value=\"SECOND_HAND\" checked");
        HttpResponse<String> created = http.postForm("/admin/products", Http.form("_csrf", Http.csrfToken(page), "kind", "SECOND_HAND",
                "titleFr", "Fauteuil d'occasion " + id, "category", category, "taxCategory", "STANDARD", "status", "PUBLISHED",
                "variantSku", "FAU-" + id, "variantPrice", "120", "variantStock", "7",
                "condition", "VERY_GOOD", "defectsFr", "Accoudoir usé", "defectsEn", "Worn armrest", "purchasePrice", "40",
                "seller", "PRIVATE", "copyOf", ""));
        assertThat(created.statusCode()).isEqualTo(302);
        NewProduct item = catalog.editable("fauteuil-d-occasion-" + id).orElseThrow();
        assertThat(item.secondHand().purchasePrice()).isEqualTo(Money.euros("40"));
        assertThat(inventory.levels(List.of("FAU-" + id)).get("FAU-" + id).onHand()).as("unique").isEqualTo(1);
    }

    @Test
    void photosAreUploadedResizedAndServedWithLongCacheHeaders() throws Exception {
        String slug = product();
        logins.signIn(http, Role.MANAGER);
        String edit = http.get("/admin/products/" + slug + "/edit").body();
        assertThat(edit).contains("enctype=\"multipart/form-data\"");

        HttpResponse<String> noToken = upload(slug, null, "photo.png", TestImages.png(1600, 1200), "Lampe allumée", "Lit lamp");
        assertThat(noToken.statusCode()).as("CSRF").isEqualTo(403);
        assertThat(images.of(slug)).isEmpty();

        HttpResponse<String> uploaded = upload(slug, Http.csrfToken(edit), "photo.png", TestImages.png(1600, 1200), "Lampe allumée", "Lit lamp");
        assertThat(uploaded.statusCode()).isEqualTo(302);
        ProductImages.Image image = images.of(slug).getFirst();
        assertThat(image.sizes()).extracting(ProductImages.Size::width).containsExactly(160, 480, 1200);

        HttpClient plain = HttpClient.newHttpClient();
        for (ProductImages.Size size : image.sizes()) {
            HttpResponse<byte[]> served = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + size.url())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
            assertThat(served.headers().firstValue("Cache-Control").orElseThrow())
                    .contains("max-age=31536000").contains("public").contains("immutable");
            assertThat(TestImages.decode(served.body()).getWidth()).isEqualTo(size.width());
            String etag = served.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> again = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + size.url()))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(again.statusCode()).isEqualTo(304);
        }
        assertThat(http.get("/media/img/" + "0".repeat(64) + "-160.png").statusCode()).isEqualTo(404);
        assertThat(http.get(image.sizes().getFirst().url().replace(".png", ".jpg")).statusCode()).isEqualTo(404);

        String shop = http.get("/p/" + slug).body();
        assertThat(shop).contains("srcset=\"" + image.srcset() + "\"").contains("alt=\"Lampe allumée\"")
                .contains("width=\"1200\" height=\"900\"").doesNotContain("/media/products/" + slug + ".svg");
        String listing = http.get("/c/" + catalog.findBySlug(slug, false).orElseThrow().category().slug()).body();
        assertThat(listing).contains(image.standard().url()).contains("srcset=\"" + image.srcset() + "\"");

        // Refused files: a clear message, nothing stored.
        String page = http.get("/admin/products/" + slug + "/edit").body();
        upload(slug, Http.csrfToken(page), "photo.png", "not an image at all".getBytes(StandardCharsets.UTF_8), "X", "X");
        assertThat(http.get("/admin/products/" + slug + "/edit").body()).contains("not a JPEG, PNG or WebP image");
        byte[] oversize = new byte[(int) ProductImages.MAX_BYTES + 1024];
        System.arraycopy(TestImages.png(10, 10), 0, oversize, 0, 8);
        upload(slug, Http.csrfToken(page), "big.png", oversize, "X", "X");
        assertThat(http.get("/admin/products/" + slug + "/edit").body()).contains("larger than 10 MB");
        upload(slug, Http.csrfToken(page), "photo.png", TestImages.png(100, 100), "", "X");
        assertThat(http.get("/admin/products/" + slug + "/edit").body()).contains("describe the photo in French");
        assertThat(images.of(slug)).hasSize(1);
    }

    @Test
    void categoriesAreManagedAndACycleIsRefused() {
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/categories").body();
        String csrf = Http.csrfToken(page);
        assertThat(http.postForm("/admin/categories", Http.form("_csrf", csrf, "slug", "jardin-" + id, "parent", "",
                "nameFr", "Jardin", "nameEn", "Garden", "descriptionFr", "", "descriptionEn", "")).statusCode()).isEqualTo(302);
        assertThat(http.postForm("/admin/categories", Http.form("_csrf", csrf, "slug", "pots-" + id, "parent", "jardin-" + id,
                "nameFr", "Pots", "nameEn", "Pots", "descriptionFr", "", "descriptionEn", "")).statusCode()).isEqualTo(302);
        assertThat(http.get("/admin/categories").body()).contains("jardin-" + id).contains("pots-" + id);

        HttpResponse<String> cycle = http.postForm("/admin/categories/jardin-" + id, Http.form("_csrf", csrf, "slug", "jardin-" + id,
                "parent", "pots-" + id, "nameFr", "Jardin", "nameEn", "Garden", "descriptionFr", "", "descriptionEn", ""));
        assertThat(cycle.statusCode()).isEqualTo(200);
        assertThat(cycle.body()).contains("cannot be moved under itself or one of its subcategories");
        assertThat(catalog.category("jardin-" + id).orElseThrow().parentSlug()).isNull();

        assertThat(http.postForm("/admin/brands", Http.form("_csrf", csrf, "original", "", "slug", "potier-" + id, "name", "Le Potier"))
                .statusCode()).isEqualTo(302);
        assertThat(http.get("/admin/brands").body()).contains("Le Potier");
    }

    @Test
    void aCsvFileIsImportedInTheBackgroundWithItsProgressAndErrors() {
        String category = category();
        logins.signIn(http, Role.MANAGER);
        String page = http.get("/admin/catalog/import").body();
        String csv = "\uFEFFslug;sku;title_fr;category;price\r\n"
                + "tasse-" + id + ";TAS-" + id + ";Tasse;" + category + ";8,00\r\n"
                + "soucoupe-" + id + ";SOU-" + id + ";Soucoupe;" + category + ";-1\r\n";
        HttpResponse<String> started = multipart("/admin/catalog/import", Http.csrfToken(page), "file", "tasses.csv",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8), List.of());
        assertThat(started.statusCode()).isEqualTo(302);
        String progress = started.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(progress).startsWith("/admin/catalog/import/");

        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(progress + "/status").body().contains("\"status\":\"DONE\""));
        String status = http.get(progress + "/status").body();
        assertThat(status).contains("\"total\":2").contains("\"imported\":1").contains("\"failed\":1").contains("\"percent\":100")
                .contains("\"line\":3").contains("\"column\":\"price\"");
        HttpResponse<String> done = http.get(progress);
        assertThat(done.headers().firstValue("Refresh")).as("no more refreshing").isEmpty();
        assertThat(done.body()).contains("<progress").contains("1 importées, 1 refusées").contains("a positive amount in cents");
        assertThat(catalog.kindOfSku("TAS-" + id)).isPresent();
        assertThat(catalog.kindOfSku("SOU-" + id)).isEmpty();

        HttpResponse<String> unreadable = multipart("/admin/catalog/import", Http.csrfToken(page), "file", "bad.csv", "text/csv",
                "title;price\nx;1\n".getBytes(StandardCharsets.UTF_8), List.of());
        assertThat(unreadable.statusCode()).isEqualTo(302);
        assertThat(http.get("/admin/catalog/import").body()).contains("no &#39;sku&#39; column");

        HttpResponse<String> export = http.get("/admin/catalog/export.csv");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        assertThat(export.body()).startsWith("\uFEFFslug;sku;status;title_fr").contains("tasse-" + id + ";TAS-" + id + ";DRAFT;Tasse");
    }

    @Test
    void supportAndAccountantsMayNotManageTheCatalog() {
        String slug = product();
        for (Role role : List.of(Role.SUPPORT, Role.ACCOUNTANT)) {
            http = new Http(port);
            logins.signIn(http, role);
            for (String path : List.of("/admin/products/new", "/admin/products/" + slug + "/edit", "/admin/categories",
                    "/admin/brands", "/admin/catalog/import", "/admin/catalog/export.csv")) {
                assertThat(http.get(path).statusCode()).as(role + " " + path).isEqualTo(403);
            }
            String csrf = Http.csrfToken(http.get("/admin/orders").body());
            assertThat(http.postForm("/admin/products/" + slug, Http.form("_csrf", csrf, "titleFr", "Piraté")).statusCode())
                    .isEqualTo(403);
            assertThat(http.postForm("/admin/categories", Http.form("_csrf", csrf, "slug", "pirate-" + id, "nameFr", "X"))
                    .statusCode()).isEqualTo(403);
            assertThat(upload(slug, csrf, "p.png", TestImages.png(50, 50), "X", "X").statusCode()).isEqualTo(403);
        }
        assertThat(catalog.findBySlug(slug, false).orElseThrow().title().fr()).startsWith("Photo");
        assertThat(catalog.category("pirate-" + id)).isEmpty();
        assertThat(images.of(slug)).isEmpty();
    }

    private HttpResponse<String> upload(String slug, String csrf, String fileName, byte[] file, String altFr, String altEn) {
        return multipart("/admin/products/" + slug + "/images", csrf, "file", fileName, "image/png", file,
                List.of("altFr", altFr, "altEn", altEn));
    }

    private HttpResponse<String> multipart(String path, String csrf, String field, String fileName, String type, byte[] file,
            List<String> fields) {
        String boundary = "----boucle" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(fields);
        if (csrf != null) {
            all.addAll(List.of("_csrf", csrf));
        }
        for (int i = 0; i < all.size(); i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + all.get(i) + "\"\r\n\r\n"
                    + all.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(http.request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private String product() {
        String slug = "photo-lampe-" + id;
        catalog.add(new NewProduct(slug, category(), null, "STANDARD", LocalizedText.of("Photo lampe " + id, "Photo lamp"),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant("PHL-" + id, null, Money.euros("20.00"), 100, null)),
                List.of(), null, false, true));
        return slug;
    }

    private String category() {
        String slug = "pages-" + id;
        if (catalog.category(slug).isEmpty()) {
            catalog.createCategory(slug, null, LocalizedText.of("Pages " + id, "Pages"), LocalizedText.of("", ""));
        }
        return slug;
    }

    static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
