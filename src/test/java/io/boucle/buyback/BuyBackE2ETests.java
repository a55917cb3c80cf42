package io.boucle.buyback;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.boucle.catalog.Catalog;
import io.boucle.customer.Customers;
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
 * A customer offers a jacket in Chromium and gets a quote; a manager receives and inspects it and
 * makes an offer; the customer accepts it as store credit; the manager relists it and finds it in
 * the dealers' register. Screenshots go to docs/screenshots.
 */
@IntegrationTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuyBackE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");
    static final String PASSWORD = "a-long-enough-password";
    static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    BuyBacks buyBacks;

    @Autowired
    Customers customers;

    @Autowired
    StaffAccounts accounts;

    Browser browser;

    @Test
    void customerSellsAJacketBackAndStaffRelistIt() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        BuyBackFixtures fixtures = new BuyBackFixtures(catalog, buyBacks, customers);
        Path photo = photo();

        String email = fixtures.customer("Camille Martin").email().value();
        Page shopper = page();
        shopper.navigate(url("/compte/connexion"));
        shopper.getByLabel("Adresse e-mail").fill(email);
        shopper.getByLabel("Mot de passe").fill("a-long-enough-password");
        shopper.getByLabel("Mot de passe").press("Enter");
        shopper.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Proposer un article")).click();

        shopper.getByLabel("Catégorie").selectOption(fixtures.category);
        shopper.getByLabel("Marque", EXACT).fill("Filature Vercors");
        shopper.getByLabel("Description", EXACT).fill("Veste en laine mérinos, taille M, portée une saison.");
        shopper.getByLabel("État", EXACT).selectOption("VERY_GOOD");
        shopper.getByLabel("Année d'achat").fill(String.valueOf(BuyBackFixtures.thisYear() - 2));
        shopper.getByLabel("Photos", EXACT).setInputFiles(photo);
        shopper.getByLabel("Par colis").check();
        shot(shopper, "buyback-1-offer");
        shopper.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Obtenir mon estimation")).click();

        assertThat(shopper.locator("main").textContent()).contains("60,00").contains("Emballez l'article");
        String reference = shopper.locator("h1").textContent().replaceAll(".*(RA\\d{4}-\\d+).*", "$1").strip();
        shot(shopper, "buyback-2-quote");

        Page staff = staffPage();
        staff.navigate(url("/admin/buybacks"));
        assertThat(staff.locator("h1").textContent()).isEqualTo("Rachats");
        // The queue lists the oldest first, 30 a page: other tests' offers may come before this one.
        staff.navigate(url("/admin/buybacks/" + reference));
        assertThat(staff.locator("img[alt='Photo 1']").evaluate("img => img.naturalWidth")).isEqualTo(320);
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("L'article est arrivé")).click();
        staff.getByLabel("État constaté", EXACT).selectOption("GOOD");
        staff.getByLabel("Constat", EXACT).fill("Un bouton remplacé, doublure impeccable.");
        staff.getByLabel("Offre définitive (€)").fill("52,00");
        shot(staff, "buyback-3-inspection");
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Faire l'offre au client")).click();
        assertThat(staff.getByRole(AriaRole.STATUS).textContent()).contains("Offre envoyée");

        shopper.reload();
        shopper.getByLabel("Nom", EXACT).fill("Martin");
        shopper.getByLabel("Prénoms").fill("Camille Anne");
        shopper.getByLabel("Adresse (domicile)").fill("12 rue des Lilas, 75011 Paris");
        shopper.getByLabel("Pièce d'identité").selectOption("PASSPORT");
        shopper.getByLabel("Numéro de la pièce").fill("21AB12345");
        shopper.getByLabel("Délivrée le").fill("2021-03-15");
        shopper.getByLabel("Délivrée par (autorité)").fill("Préfecture de Paris");
        assertThat(shopper.locator("#payout").textContent()).contains("57,20");
        shot(shopper, "buyback-4-final-offer");
        shopper.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("J'accepte l'offre")).click();
        assertThat(shopper.getByRole(AriaRole.STATUS).textContent()).contains("bordereau d'achat est prêt");
        assertThat(shopper.locator("main").textContent()).contains("carte cadeau RACHAT-");

        staff.navigate(url("/admin/buybacks/" + reference + "?copyOf=" + fixtures.newProduct));
        assertThat(staff.locator("main").textContent()).contains("Prix suggéré");
        shot(staff, "buyback-5-relist");
        staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remettre en vente")).click();
        assertThat(staff.getByRole(AriaRole.STATUS).textContent()).contains("remis en vente");
        assertThat(buyBacks.find(new OfferReference(reference)).orElseThrow().status()).isEqualTo(OfferStatus.RELISTED);

        staff.navigate(url("/admin/buybacks/register"));
        assertThat(staff.locator("table").textContent()).contains(reference).contains("21AB12345").contains("Passeport");
        shot(staff, "buyback-6-register");
        shopper.context().close();
        staff.context().close();
    }

    private Page page() {
        return browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR").setViewportSize(1280, 900)
                .setExtraHTTPHeaders(Map.of("Accept-Language", "fr-FR,fr;q=0.9"))).newPage();
    }

    private Page staffPage() {
        String email = "buyback-e2e-" + UUID.randomUUID() + "@boucle.test";
        accounts.open(EmailAddress.of(email), "Alex Atelier", PASSWORD, EnumSet.of(Role.MANAGER), Locale.FRENCH);
        Page page = page();
        page.navigate(url("/admin/login"));
        page.locator("input[name=username]").fill(email);
        page.locator("input[name=password]").fill(PASSWORD);
        page.locator("input[name=password]").press("Enter");
        return page;
    }

    /** A small PNG drawn here: a jacket-coloured shape, so the photo shows as one. */
    private static Path photo() throws Exception {
        BufferedImage image = new BufferedImage(320, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf3, 0xef, 0xe7));
        g.fillRect(0, 0, 320, 320);
        g.setColor(new Color(0x3b, 0x5a, 0x4a));
        g.fillRoundRect(90, 60, 140, 200, 30, 30);
        g.fillRect(50, 70, 40, 150);
        g.fillRect(230, 70, 40, 150);
        g.dispose();
        Path file = Files.createTempFile("veste-", ".png");
        ImageIO.write(image, "png", file.toFile());
        file.toFile().deleteOnExit();
        return file;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
