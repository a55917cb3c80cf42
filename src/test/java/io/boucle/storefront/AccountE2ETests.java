package io.boucle.storefront;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.boucle.catalog.Catalog;
import io.boucle.shared.DemoSeeder;
import io.boucle.test.BrowserTest;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shopper opens an account in Chromium, with the keyboard and the form's labels only, keeps a
 * product in their wishlist and finds it on their account page. Screenshots go to docs/screenshots.
 */
@IntegrationTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    List<DemoSeeder> seeders;

    Browser browser;

    @BeforeAll
    void launch() {
        synchronized (StorefrontE2ETests.class) {
            if (catalog.findBySlug("theiere-fonte", false).isEmpty()) {
                seeders.stream().filter(s -> s.name().equals("catalog") || s.name().equals("inventory"))
                        .sorted(java.util.Comparator.comparingInt(DemoSeeder::order))
                        .forEach(DemoSeeder::seed);
            }
        }
    }

    @Test
    void shopperSignsUpWithTheKeyboardAndKeepsAProductInTheirWishlist() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR").setViewportSize(1280, 900)
                .setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9"))).newPage();
        page.navigate(url("/p/theiere-fonte"));
        page.getByText("Connectez-vous pour ajouter ce produit à votre liste d'envies").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Créer mon compte")).click();

        page.getByLabel("Nom et prénom").focus();
        page.keyboard().type("Camille Martin");
        page.keyboard().press("Tab");
        page.keyboard().type("camille-" + UUID.randomUUID() + "@example.org");
        page.keyboard().press("Tab");
        page.keyboard().type("court");
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("au moins 12 caractères");
        assertThat(page.getByLabel("Mot de passe").getAttribute("aria-invalid")).isEqualTo("true");
        shot(page, "account-1-sign-up-error");

        page.getByLabel("Mot de passe").fill("une théière pour l'hiver");
        page.getByLabel("Mot de passe").press("Enter");
        assertThat(page.url()).endsWith("/p/theiere-fonte");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ajouter à ma liste d'envies")).click();
        assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("liste d'envies");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mon compte")).click();

        assertThat(page.locator("h1").textContent()).isEqualTo("Mon compte");
        assertThat(page.locator(".wishlist").textContent()).contains("Théière");
        shot(page, "account-2-account");
        page.context().close();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }
}
