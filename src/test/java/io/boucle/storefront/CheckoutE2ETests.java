package io.boucle.storefront;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.StockLevel;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.BrowserTest;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A guest's checkout in Chromium: cart, details, confirmation, a declined card on the test
 * provider's hosted page, then a retry with 3-D Secure that ends with a paid order. Runs where
 * Debian's Chromium is installed (.ci/run installs it); screenshots go to docs/screenshots.
 */
@IntegrationTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");
    static final String DECLINED_CARD = "4000 0000 0000 0002";
    static final String CHALLENGE_CARD = "4000 0027 6000 3184";

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    Browser browser;
    BrowserContext context;
    Page page;
    String id;
    String slug;
    String sku;

    @BeforeEach
    void aProductInStockAndAFreshVisitor() {
        id = UUID.randomUUID().toString().substring(0, 8);
        catalog.addCategory("e2e-" + id, null, 0, LocalizedText.of("Maison", "Home"), LocalizedText.of("", ""));
        slug = "coussin-" + id;
        sku = "CUSH-" + id;
        catalog.add(new NewProduct(slug, "e2e-" + id, null, "STANDARD", LocalizedText.of("Coussin en lin", "Linen cushion"),
                LocalizedText.of("", ""), List.of(new NewProduct.NewVariant(sku, LocalizedText.of("", ""),
                        Money.euros("29.00"), 800, null)), List.of(), null, false, true));
        inventory.setOnHand(sku, 3);

        context = browser.newContext(new Browser.NewContextOptions()
                .setLocale("fr-FR").setViewportSize(1280, 900).setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9")));
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aGuestIsDeclinedOnceThenPaysWithThreeDSecure() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        String email = "lea-" + id + "@example.org";
        String expiry = "12/" + String.valueOf(Year.now().getValue() + 3).substring(2);

        // Cart
        page.navigate(url("/p/" + slug));
        page.locator("button", new Page.LocatorOptions().setHasText("Ajouter au panier")).first().click();
        landOn(url -> url.endsWith("/panier"));
        assertThat(page.locator(".cart-lines").textContent()).contains("Coussin en lin").contains("29,00");
        assertThat(page.locator(".summary .totals").textContent()).contains("Livraison").contains("dont TVA");
        shot("checkout-1-cart");
        page.locator("a.button", new Page.LocatorOptions().setHasText("Commander")).click();
        landOn(url -> url.endsWith("/commande/informations"));

        // Details
        page.fill("#email", email);
        page.getByLabel("Nom et prénom").first().fill("Léa Petit");
        page.fill("#line1", "3 place du Marché");
        page.fill("#postalCode", "75011");
        page.fill("#city", "Paris");
        page.check("input[name=delivery][value=home]");
        page.check("input[name=paymentMethod][value=card]");
        shot("checkout-2-details");
        page.locator("button", new Page.LocatorOptions().setHasText("Vérifier ma commande")).click();
        landOn(url -> url.endsWith("/commande/confirmation"));

        // Confirmation
        assertThat(page.locator("main").textContent()).contains("Léa Petit").contains("75011 Paris").contains(email);
        shot("checkout-3-confirm");
        page.check("input[name=acceptTerms]");
        page.locator("button", new Page.LocatorOptions().setHasText("Commande avec obligation de paiement")).click();

        // Declined card
        landOn(url -> url.contains("/pay/test/card/"));
        payByCard(DECLINED_CARD, expiry);
        landOn(url -> url.contains("/commande/") && url.contains("t="));
        assertThat(page.locator("main").textContent()).contains("Le paiement a été refusé");
        shot("checkout-4-declined");

        // Retry with 3-D Secure
        assertThat(page.locator(".retry input[name=paymentMethod][value=card]").isChecked()).isTrue();
        page.locator(".retry button", new Page.LocatorOptions().setHasText("Payer")).click();
        landOn(url -> url.contains("/pay/test/card/"));
        payByCard(CHALLENGE_CARD, expiry);
        landOn(url -> url.contains("/pay/test/3ds/"));
        assertThat(page.locator(".tp-card").textContent()).contains("3184");
        shot("checkout-5-3ds");
        page.locator("button[name=action][value=complete]").click();
        landOn(url -> url.contains("/commande/") && url.contains("t="));
        assertThat(page.locator("main").textContent()).contains("Merci ! Votre commande est confirmée et payée");
        shot("checkout-6-paid");

        // Stock and order
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            StockLevel level = inventory.levels(List.of(sku)).get(sku);
            assertThat(level.onHand()).isEqualTo(2);
            assertThat(level.reserved()).isZero();
        });
        assertThat(jdbc.sql("SELECT status FROM orders.customer_order WHERE email = :email")
                .param("email", email).query(String.class).list()).containsExactly("PAID");
    }

    private void payByCard(String number, String expiry) {
        page.fill("#number", number);
        page.fill("#expiry", expiry);
        page.fill("#cvc", "123");
        page.locator("form.tp-form button[type=submit]").click();
    }

    /** Waits for the browser to reach a page; says where it is instead when it does not. */
    private void landOn(java.util.function.Predicate<String> expected) {
        try {
            page.waitForURL(expected, new Page.WaitForURLOptions().setTimeout(15_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            throw new AssertionError("still on " + page.url() + ":\n" + page.locator("body").innerText(), e);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }
}
