package io.boucle.storefront;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.boucle.catalog.Catalog;
import io.boucle.shared.DemoSeeder;
import io.boucle.test.BrowserTest;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shopper's walk through the demo shop in Chromium: home, a category, a facet, a product,
 * a search. Runs where Debian's Chromium is installed (.ci/run installs it); screenshots go to
 * docs/screenshots.
 */
@IntegrationTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorefrontE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    List<DemoSeeder> seeders;

    Browser browser;
    Page page;

    @BeforeEach
    void demoShopAndFreshVisitor() {
        synchronized (StorefrontE2ETests.class) {
            if (catalog.findBySlug("theiere-fonte", false).isEmpty()) {
                seeders.stream().filter(s -> s.name().equals("catalog") || s.name().equals("inventory"))
                        .sorted(java.util.Comparator.comparingInt(DemoSeeder::order))
                        .forEach(DemoSeeder::seed);
            }
        }
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setLocale("fr-FR").setViewportSize(1280, 900).setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9")));
        page = context.newPage();
    }

    @Test
    void shopperWalksFromHomeThroughCategoryFacetAndProductToSearch() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.navigate(url("/"));
        assertThat(page.locator("h1").textContent()).contains("Bienvenue");
        assertThat(page.locator(".card").count()).isGreaterThanOrEqualTo(8);
        shot("01-home");

        page.locator(".category-nav a", new Page.LocatorOptions().setHasText("Vêtements")).first().click();
        assertThat(page.locator("h1").textContent()).isEqualTo("Vêtements");
        int all = page.locator(".card").count();
        shot("02-category");

        page.selectOption("select[name=kind]", "occasion");
        page.locator(".filters button[type=submit]").click();
        assertThat(page.url()).contains("kind=occasion");
        assertThat(page.locator(".card").count()).isBetween(1, all - 1);
        assertThat(page.locator(".card .card-condition").count()).isEqualTo(page.locator(".card").count());
        shot("03-second-hand-facet");

        page.locator(".card a").first().click();
        assertThat(page.locator(".used-item").textContent()).contains("Seconde main");
        assertThat(page.locator(".price.big").textContent()).contains("€");
        assertThat(page.locator("script[type='application/ld+json']").textContent()).contains("UsedCondition");
        shot("04-second-hand-product");

        page.fill("#q", "velo");
        page.locator(".search-box button").click();
        assertThat(page.locator("h1").textContent()).contains("velo");
        assertThat(page.locator(".card h3").allTextContents()).anyMatch(title -> title.contains("Vélo"));
        shot("05-search-accents");

        page.fill("#q", "chausure");
        page.locator(".search-box button").click();
        assertThat(page.locator(".card h3").allTextContents()).anyMatch(title -> title.contains("Chaussure"));
    }

    @Test
    void productPageLoadsNoRenderBlockingScriptAndSizesItsImages() {
        page.navigate(url("/p/theiere-fonte"));
        assertThat(page.title()).contains("Théière");
        assertThat(page.locator("head script[src]:not([defer]):not([async]):not([type=module])").count()).isZero();
        assertThat(page.locator("img:not([width]), img:not([height])").count()).isZero();
        assertThat(page.locator("main .grid img:not([loading=lazy])").count()).as("pictures below the fold load lazily").isZero();
        Object brokenImages = page.evaluate("() => Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length");
        assertThat(((Number) brokenImages).intValue()).isZero();
        page.setViewportSize(390, 844);
        shot("06-product-mobile");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }
}
