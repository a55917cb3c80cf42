package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.Fulfilment;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.Orders;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.BrowserTest;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A manager ships part of an order from its page in Chromium, then the rest; the customer follows
 * the parcels on the tracking page. Screenshots go to docs/screenshots.
 */
@IntegrationTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippingE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");
    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    JsonMapper json;

    @Autowired
    Orders orders;

    @Autowired
    Fulfilment fulfilment;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    MutableClock clock;

    Browser browser;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void aManagerShipsAnOrderInTwoParcelsAndTheCustomerFollowsThem() throws Exception {
        clock.set(Instant.now(Clock.systemUTC()));
        Files.createDirectories(SCREENSHOTS);
        StoreFixtures store = new StoreFixtures(new Http(port), json, catalog);
        String sku = store.product("theiere", "16.00", 10);
        HttpResponse<String> placed = store.checkout(store.readyCart(sku, 3), "tok_visa", null);
        String number = store.read(placed).get("order").get("number").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(new OrderNumber(number)).orElseThrow().status() == OrderStatus.PAID);
        String email = "e2e-shipping-" + UUID.randomUUID() + "@boucle.test";
        accounts.open(EmailAddress.of(email), "Manager", PASSWORD, EnumSet.of(Role.MANAGER), Locale.FRENCH);

        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR").setViewportSize(1280, 900)
                .setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9"))).newPage();
        page.navigate(url("/admin/login"));
        page.getByLabel("E-mail").fill(email);
        page.getByLabel("Mot de passe").fill(PASSWORD);
        page.getByLabel("Mot de passe").press("Enter");
        page.navigate(url("/admin/shipments?q=" + store.id));
        assertThat(page.locator("main").textContent()).contains(number);
        shot(page, "shipping-1-queues");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(number)).first().click();
        page.getByLabel("Transporteur").selectOption("colissimo");
        page.getByLabel("Numéro de suivi").fill("6A" + store.id);
        page.locator("input[name=qty-1]").fill("2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer l'expédition")).click();
        assertThat(page.getByRole(AriaRole.STATUS).first().textContent()).contains("Colis Colissimo 6A" + store.id);
        page.locator(".shipment-form").scrollIntoViewIfNeeded();
        shot(page, "shipping-2-order-page");

        page.getByLabel("Transporteur").selectOption("chronopost");
        page.getByLabel("Numéro de suivi").fill("XY" + store.id);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer l'expédition")).click();
        assertThat(fulfilment.forOrder(new OrderNumber(number)).orElseThrow().fullyShipped()).isTrue();

        page.navigate(url("/suivi/" + fulfilment.forOrder(new OrderNumber(number)).orElseThrow().trackingToken()));
        assertThat(page.locator("main").textContent()).contains("Colis 1 — Colissimo").contains("Colis 2 — Chronopost");
        shot(page, "shipping-3-tracking");
        page.context().close();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }
}
