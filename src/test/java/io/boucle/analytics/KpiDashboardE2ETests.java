package io.boucle.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.BrowserTest;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An owner opens the KPI dashboard over generated history (the demo's generator, on fewer days),
 * changes the date range and sees the figures of the new range. Screenshots in docs/screenshots.
 */
@IntegrationTest
@BrowserTest
class KpiDashboardE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");
    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    DemoHistory history;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Kpis kpis;

    Browser browser;

    @Test
    void ownerOpensTheDashboardAndChangesTheDateRange() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        synchronized (KpiDashboardE2ETests.class) {
            if (jdbc.sql("SELECT count(*) FROM analytics.order_fact WHERE order_number LIKE 'D%'").query(Long.class).single() == 0) {
                history.generate(today.minusDays(75), today.minusDays(1), 120, DemoHistory.SEED);
            }
        }
        // the generated history has the rates of a real shop
        KpiReport generated = kpis.report(today.minusDays(60), today.minusDays(1));
        assertThat(generated.value("conversion_rate")).isBetween(new java.math.BigDecimal("0.015"), new java.math.BigDecimal("0.04"));
        assertThat(generated.value("cart_abandonment_rate")).isBetween(new java.math.BigDecimal("0.60"), new java.math.BigDecimal("0.80"));
        assertThat(generated.value("payment_success_rate")).isBetween(new java.math.BigDecimal("0.80"), new java.math.BigDecimal("0.95"));
        assertThat(generated.value("repeat_purchase_rate")).isPositive();
        String email = "kpi-e2e-" + UUID.randomUUID() + "@boucle.test";
        accounts.open(EmailAddress.of(email), "Owner", PASSWORD, EnumSet.of(Role.OWNER), Locale.FRENCH);
        Files.createDirectories(SCREENSHOTS);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR")
                .setViewportSize(1280, 1600).setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9")));
        Page page = context.newPage();
        page.navigate(url("/admin/login"));
        page.fill("input[name=username]", email);
        page.fill("input[name=password]", PASSWORD);
        page.locator("form button[type=submit]").first().click();
        page.waitForURL("**/admin");

        page.navigate(url("/admin/kpis"));
        assertThat(page.locator("h1").textContent()).isEqualTo("Indicateurs de pilotage");
        String thirtyDays = page.locator("#kpi-sessions .value").textContent();
        assertThat(page.locator("#kpi-conversion_rate dfn").getAttribute("title")).contains("Sessions ayant abouti");
        assertThat(page.locator("#channels tbody tr").count()).isGreaterThanOrEqualTo(5);
        assertThat(page.locator("svg.chart polyline").count()).isEqualTo(2);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("kpi-1-dashboard.png")).setFullPage(false));

        LocalDate from = today.minusDays(70);
        LocalDate to = today.minusDays(1);
        page.fill("#from", from.toString());
        page.fill("#to", to.toString());
        page.locator("#range button[type=submit]").click();
        page.waitForURL("**/admin/kpis?from=" + from + "&to=" + to);
        assertThat(page.locator("#period").textContent()).isEqualTo(
                from.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " – "
                        + to.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        assertThat(page.locator("#kpi-sessions .value").textContent()).isNotEqualTo(thirtyDays);
        assertThat(page.locator("#cohorts tbody tr").count()).isGreaterThanOrEqualTo(2);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("kpi-2-date-range.png")).setFullPage(true));
        context.close();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
