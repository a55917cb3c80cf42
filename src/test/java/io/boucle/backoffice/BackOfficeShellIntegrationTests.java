package io.boucle.backoffice;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The back office's frame: the menu each role sees, the global search, and the audit log's page. */
@IntegrationTest
class BackOfficeShellIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

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
    void eachRoleSeesOnlyTheSectionsItMayOpen() {
        logins.signIn(http, Role.SUPPORT);
        String support = http.get("/admin").body();
        assertThat(support).contains("href=\"/admin/orders\"", "href=\"/admin/reviews\"", "href=\"/admin/questions\"",
                "href=\"/admin/messages\"", "action=\"/admin/search\"");
        assertThat(support).doesNotContain("href=\"/admin/products\"", "href=\"/admin/stock\"", "href=\"/admin/invoices\"",
                "href=\"/admin/audit\"", "href=\"/admin/promotions\"");

        http = new Http(port);
        logins.signIn(http, Role.ACCOUNTANT);
        String accountant = http.get("/admin").body();
        assertThat(accountant).contains("href=\"/admin/orders\"", "href=\"/admin/invoices\"");
        assertThat(accountant).doesNotContain("href=\"/admin/messages\"", "href=\"/admin/products\"", "href=\"/admin/audit\"");

        http = new Http(port);
        logins.signIn(http, Role.OWNER);
        assertThat(http.get("/admin").body()).contains("href=\"/admin/audit\"", "href=\"/admin/products\"",
                "href=\"/admin/invoices\"", "href=\"/admin/delivery-methods\"");
    }

    @Test
    void everyLinkOfTheMenuOpensForTheRolesThatSeeIt() {
        for (Role role : Role.values()) {
            http = new Http(port);
            logins.signIn(http, role);
            String dashboard = http.get("/admin").body();
            java.util.regex.Matcher links = java.util.regex.Pattern.compile("href=\"(/admin/[a-z-]+)\"").matcher(dashboard);
            int seen = 0;
            while (links.find()) {
                seen++;
                assertThat(http.get(links.group(1)).statusCode()).as(role + " " + links.group(1)).isEqualTo(200);
            }
            assertThat(seen).as(role + " sees some sections").isPositive();
        }
    }

    @Test
    void searchFindsProductsByTitleAndSkuForManagersOnly() {
        String slug = product("Théière verte " + id, "TEA-" + id);
        logins.signIn(http, Role.MANAGER);
        HttpResponse<String> byTitle = http.get("/admin/search?q=" + encode("Théière verte " + id));
        assertThat(byTitle.statusCode()).isEqualTo(200);
        assertThat(byTitle.body()).contains("Théière verte " + id, "TEA-" + id, "Produits (1)");
        assertThat(http.get("/admin/search?q=tea-" + id).body()).as("SKU, case ignored").contains("Théière verte " + id);

        http = new Http(port);
        logins.signIn(http, Role.SUPPORT);
        String support = http.get("/admin/search?q=TEA-" + id).body();
        assertThat(support).contains("Commandes (0)", "Clients (").doesNotContain("Théière verte " + id, "Produits (");
        assertThat(support).doesNotContain("Factures et avoirs (");
        assertThat(slug).isNotBlank();
    }

    @Test
    void searchShowsWhatWasTypedEscapedAndTreatsItAsText() {
        logins.signIn(http, Role.OWNER);
        HttpResponse<String> page = http.get("/admin/search?q=" + encode("<script>alert(1)</script>' OR 1=1 --%_"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.body()).contains("Commandes (0)", "Clients (0)", "Produits (0)", "Factures et avoirs (0)");
    }

    @Test
    void auditPageIsForOwnersOnlyAndShowsWhoPublishedAProduct() {
        String slug = product("Lampe audit " + id, "AUD-" + id);
        StaffAccount manager = logins.signIn(http, Role.MANAGER);
        String list = http.get("/admin/products?q=" + id).body();
        assertThat(http.postForm("/admin/products/" + slug + "/published",
                Http.form("published", "true", "q", id, "_csrf", Http.csrfToken(list))).statusCode()).isEqualTo(302);
        assertThat(http.get("/admin/audit").statusCode()).as("managers may not read the audit log").isEqualTo(403);

        for (Role role : List.of(Role.SUPPORT, Role.ACCOUNTANT)) {
            http = new Http(port);
            logins.signIn(http, role);
            assertThat(http.get("/admin/audit").statusCode()).as(role.name()).isEqualTo(403);
        }

        http = new Http(port);
        logins.signIn(http, Role.OWNER);
        HttpResponse<String> audit = http.get("/admin/audit?target=" + slug);
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("1 action", "product.publish", slug, manager.email().value(), "127.0.0.1");
        assertThat(http.get("/admin/audit?staff=" + encode(manager.email().value()) + "&action=product.").body())
                .contains(slug);
        assertThat(http.get("/admin/audit?target=" + slug + "&from=2000-01-01&to=2000-01-02").body()).contains("Aucune action");
        assertThat(http.get("/admin/audit?from=yesterday").body()).contains("yesterday");
    }

    private String product(String title, String sku) {
        String category = "theieres-" + id;
        catalog.addCategory(category, null, 99, LocalizedText.of("Théières", "Teapots"), LocalizedText.of("", ""));
        String slug = "produit-" + sku.toLowerCase(Locale.ROOT);
        catalog.add(new NewProduct(slug, category, null, "STANDARD", LocalizedText.of(title, title),
                LocalizedText.of("Un objet.", "A thing."),
                List.of(new NewProduct.NewVariant(sku, null, Money.euros("29.00"), 500, null)),
                List.of(), null, false, false));
        return slug;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
