package io.boucle.backoffice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.ProductImages;
import io.boucle.catalog.TestImages;
import io.boucle.shared.EmailAddress;
import io.boucle.shared.LocalizedText;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.BrowserTest;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager creates a product in Chromium with the form's labels: a mistake is pointed out under
 * its field, then the product is saved, a photo uploaded, and the shop's product page shows it.
 * Screenshots go to docs/screenshots.
 */
@IntegrationTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");
    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    ProductImages images;

    @Autowired
    StaffAccounts accounts;

    final String id = UUID.randomUUID().toString().substring(0, 6);
    Browser browser;

    @Test
    void aManagerCreatesAProductAndUploadsItsPhoto() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        String category = "luminaires-e2e-" + id;
        catalog.createCategory(category, null, LocalizedText.of("Luminaires", "Lighting"), LocalizedText.of("", ""));
        String email = "catalog-e2e-" + UUID.randomUUID() + "@boucle.test";
        accounts.open(EmailAddress.of(email), "Manager", PASSWORD, EnumSet.of(Role.MANAGER), Locale.FRENCH);

        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR").setViewportSize(1280, 900)
                .setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9"))).newPage();
        page.navigate(url("/admin/login"));
        page.getByLabel("Adresse e-mail").fill(email);
        page.getByLabel("Mot de passe").fill(PASSWORD);
        page.getByLabel("Mot de passe").press("Enter");
        page.waitForURL("**/admin");

        page.navigate(url("/admin/products"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nouveau produit")).click();
        page.getByLabel("Titre (français)").fill("Lampe Lune " + id);
        page.getByLabel("Titre (anglais)").fill("Moon lamp " + id);
        page.getByLabel("Description (français, Markdown)").fill("Une lampe en **laiton** à la lumière douce.");
        page.getByLabel("Catégorie", new Page.GetByLabelOptions().setExact(true)).selectOption(category);
        page.getByLabel("Référence 1").fill("LUNE-" + id);
        page.getByLabel("Option (français) 1").fill("Laiton");
        page.getByLabel("Prix TTC (€) 1").fill("-49,00");
        page.getByLabel("Code-barres (GTIN) 1").fill("3760306181015");
        page.getByLabel("Nom (français) 1").fill("Matière");
        page.getByLabel("Valeur (français) 1").fill("Laiton");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer")).click();

        assertThat(page.locator(".notice.error").textContent()).contains("rien n’a été enregistré");
        assertThat(page.locator(".field-error").allTextContents()).anyMatch(m -> m.contains("not a GTIN"))
                .anyMatch(m -> m.contains("positive amount"));
        page.locator("input[name=variantPrice]").first().scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("backoffice-1-product-form.png")).setFullPage(true));

        page.getByLabel("Prix TTC (€) 1").fill("49,00");
        page.getByLabel("Code-barres (GTIN) 1").fill("3760306181014");
        page.getByLabel("Publié").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer")).click();
        assertThat(page.getByText("Produit enregistré.").isVisible()).isTrue();

        page.getByLabel("Photo", new Page.GetByLabelOptions().setExact(true)).setInputFiles(
                new FilePayload("lampe.png", "image/png", TestImages.png(1600, 1200)));
        page.locator("#altFr").fill("Lampe en laiton allumée");
        page.locator("#altEn").fill("Lit brass lamp");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ajouter la photo")).click();
        assertThat(page.getByText("Photos enregistrées.").isVisible()).isTrue();
        page.locator("#photos").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("backoffice-2-product-photos.png")));

        String slug = "lampe-lune-" + id.toLowerCase(Locale.ROOT);
        List<ProductImages.Image> photos = images.of(slug);
        assertThat(photos).hasSize(1);
        page.navigate(url("/p/" + slug));
        var gallery = page.locator(".gallery img").first();
        assertThat(gallery.getAttribute("srcset")).contains("160w").contains("1200w");
        assertThat(gallery.getAttribute("alt")).isEqualTo("Lampe en laiton allumée");
        assertThat(gallery.getAttribute("loading")).as("the first photo is not lazy").isNull();
        assertThat((Boolean) gallery.evaluate("img => img.complete && img.naturalWidth > 0")).isTrue();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
