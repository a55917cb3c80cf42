package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.search.ProductSearch;
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

@IntegrationTest
class ProductPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    ProductSearch search;

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
    void managerSeesDraftsAndPublishesThemIntoTheShopAndTheSearch() {
        String slug = draftProduct();
        logins.signIn(http, Role.MANAGER);

        HttpResponse<String> list = http.get("/admin/products?q=" + id);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Lampe zèbre " + id).contains("Brouillon").contains("LAMP-" + id);
        assertThat(http.get("/p/" + slug).statusCode()).as("draft hidden from the shop").isEqualTo(404);

        HttpResponse<String> published = http.postForm("/admin/products/" + slug + "/published",
                Http.form("published", "true", "q", id, "_csrf", Http.csrfToken(list.body())));
        assertThat(published.statusCode()).isEqualTo(302);
        assertThat(http.get("/p/" + slug).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> search.search("zebre " + id, null, null, 0, 10).slugs().contains(slug));

        String page = http.get("/admin/products?q=" + id).body();
        http.postForm("/admin/products/" + slug + "/published",
                Http.form("published", "false", "q", id, "_csrf", Http.csrfToken(page)));
        assertThat(http.get("/p/" + slug).statusCode()).as("withdrawn").isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> !search.search("zebre " + id, null, null, 0, 10).slugs().contains(slug));
    }

    @Test
    void publishingWithoutCsrfTokenChangesNothing() {
        String slug = draftProduct();
        logins.signIn(http, Role.OWNER);
        assertThat(http.postForm("/admin/products/" + slug + "/published", Http.form("published", "true")).statusCode())
                .isEqualTo(403);
        assertThat(http.get("/p/" + slug).statusCode()).isEqualTo(404);
    }

    @Test
    void publishingAnUnknownProductIsNotFound() {
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/products").body();
        assertThat(http.postForm("/admin/products/no-such-product-" + id + "/published",
                Http.form("published", "true", "_csrf", Http.csrfToken(page))).statusCode()).isEqualTo(404);
    }

    @Test
    void supportStaffMayNotManageTheCatalog() {
        logins.signIn(http, Role.SUPPORT);
        assertThat(http.get("/admin/products").statusCode()).isEqualTo(403);
    }

    private String draftProduct() {
        String slug = "lampe-zebre-" + id;
        catalog.add(new NewProduct(slug, seedCategory(), null, "STANDARD", LocalizedText.of("Lampe zèbre " + id, "Zebra lamp " + id),
                LocalizedText.of("Une lampe.", "A lamp."),
                List.of(new NewProduct.NewVariant("LAMP-" + id, null, Money.euros("39.00"), 900, null)),
                List.of(), null, false, false));
        return slug;
    }

    private String seedCategory() {
        String slug = "luminaires-" + id;
        catalog.addCategory(slug, null, 99, LocalizedText.of("Luminaires", "Lighting"), LocalizedText.of("", ""));
        return slug;
    }
}
