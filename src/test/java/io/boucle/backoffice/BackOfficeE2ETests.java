package io.boucle.backoffice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.boucle.customer.Customer;
import io.boucle.customer.Customers;
import io.boucle.customer.SignUp;
import io.boucle.shared.EmailAddress;
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
 * An owner signs in to the back office in Chromium, searches for a customer from the header, writes
 * a note on the customer's page and finds it in the audit log. Screenshots go to docs/screenshots.
 */
@IntegrationTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackOfficeE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");
    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    Customers customers;

    Browser browser;

    @Test
    void ownerSearchesACustomerWritesANoteAndFindsItInTheAuditLog() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        String id = UUID.randomUUID().toString().substring(0, 8);
        String email = "owner-" + id + "@boucle.test";
        accounts.open(EmailAddress.of(email), "Owner", PASSWORD, EnumSet.of(Role.OWNER), Locale.FRENCH);
        Customer customer = customers.signUp(new SignUp("louise-" + id + "@example.org", "Louise Bernard", PASSWORD, true,
                "J'accepte de recevoir les offres", Locale.FRENCH), "192.0.2.77");

        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR").setViewportSize(1280, 900)
                .setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9"))).newPage();
        page.navigate(url("/admin/login"));
        page.getByLabel("Adresse e-mail").fill(email);
        page.getByLabel("Mot de passe").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Se connecter")).click();
        page.waitForURL(url("/admin"));
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Navigation du back office"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Journal d'audit")).isVisible()).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("backoffice-1-dashboard.png")).setFullPage(true));

        page.getByLabel("Rechercher dans le back office").fill("louise-" + id);
        page.keyboard().press("Enter");
        page.waitForURL(url("/admin/search?q=louise-" + id));
        assertThat(page.getByText("Clients (1)").isVisible()).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("backoffice-2-search.png")).setFullPage(true));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sa fiche")).click();
        page.waitForURL(url("/admin/customers/" + customer.id()));
        page.getByLabel("Nouvelle note").fill("A appelé pour sa commande, rappeler demain.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ajouter la note")).click();
        assertThat(page.getByText("Note ajoutée.").isVisible()).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("backoffice-3-customer.png")).setFullPage(true));

        page.navigate(url("/admin/audit?staff=" + email));
        assertThat(page.getByText("customer.note").isVisible()).isTrue();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("backoffice-4-audit.png")).setFullPage(true));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
