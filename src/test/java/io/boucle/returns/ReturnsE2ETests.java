package io.boucle.returns;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.fulfilment.OrderDelivered;
import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.InvoiceFixtures;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.BrowserTest;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In Chromium: a customer withdraws from a delivered order with the online withdrawal function and gets
 * the acknowledgment by email; a staff member inspects the return and refunds it; the credit note exists.
 * Screenshots go to docs/screenshots.
 */
@IntegrationTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReturnsE2ETests {

    static final Path SCREENSHOTS = Paths.get("docs/screenshots");
    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Orders orders;

    @Autowired
    Returns returns;

    @Autowired
    Invoicing invoicing;

    @Autowired
    StaffAccounts staff;

    @Autowired
    GreenMail greenMail;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    Browser browser;
    BrowserContext context;
    Page page;

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void aCustomerWithdrawsOnlineAndStaffInspectAndRefund() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        clock.set(Instant.now(Clock.systemUTC()));
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        StoreFixtures store = new StoreFixtures(new Http(port), json, catalog);
        String sku = store.product("theiere", "39.00", 5);
        String cart = store.readyCart(sku, 1);
        HttpResponse<String> placed = store.checkout(cart, "tok_visa", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        OrderNumber number = new OrderNumber(store.read(placed).get("order").get("number").asString());
        OrderView order = await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(number).orElseThrow(),
                found -> found.paidAt() != null);
        Instant deliveredAt = Instant.now(clock).minus(Duration.ofDays(3));
        transactions.executeWithoutResult(status -> events.publishEvent(new OrderDelivered(number, deliveredAt)));
        await().atMost(Duration.ofSeconds(10)).until(() -> returns.deliveredAt(number).isPresent());
        String email = "buyer-" + store.id + "@example.org";

        // The customer's order page: the deadline and the withdrawal button
        context = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR").setViewportSize(1280, 900)
                .setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9")));
        page = context.newPage();
        page.navigate(url("/commande/" + number + "?t=" + order.accessToken()));
        assertThat(page.locator(".withdrawal-deadline").textContent()).contains("Vous pouvez vous rétracter jusqu'au")
                .contains(String.valueOf(WithdrawalPeriod.lastDay(deliveredAt).getYear()));
        page.locator("#retractation").scrollIntoViewIfNeeded();
        shot("returns-1-order");
        page.locator("a.button", new Page.LocatorOptions().setHasText("Renoncer au contrat ici")).click();
        landOn(url -> url.contains("/retractation"));
        assertThat(page.locator("#qty_1").inputValue()).isEqualTo("1");
        shot("returns-2-withdrawal-form");
        page.locator("button", new Page.LocatorOptions().setHasText("Confirmer la rétractation")).click();
        landOn(url -> url.contains("/commande/" + number) && !url.contains("/retractation"));
        assertThat(page.locator("#retractation").textContent()).contains("Votre rétractation est enregistrée le")
                .contains("Rétractation").contains("En attente des articles");
        page.locator("#retractation").scrollIntoViewIfNeeded();
        shot("returns-3-acknowledged");

        // The acknowledgment on a durable medium, with the date and time
        CustomerReturn withdrawal = returns.forOrders(List.of(number)).getFirst();
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .format(withdrawal.requestedAt().atZone(WithdrawalPeriod.SHOP_ZONE));
        MimeMessage acknowledgment = await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(email, "Rétractation enregistrée"),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(acknowledgment.getSubject()).isEqualTo("Rétractation enregistrée — commande " + number);
        assertThat(GreenMailUtil.getBody(acknowledgment)).contains(withdrawal.number());
        assertThat(textOf(acknowledgment)).contains(time).contains("heure de Paris");

        // A staff member receives, inspects and refunds the return
        await().atMost(Duration.ofSeconds(15)).until(() -> invoicing.documentsOf(number.value()).stream()
                .anyMatch(document -> !document.isCreditNote()));
        context.close();
        context = browser.newContext(new Browser.NewContextOptions().setLocale("fr-FR").setViewportSize(1280, 900)
                .setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "fr-FR,fr;q=0.9")));
        page = context.newPage();
        String staffEmail = "returns-e2e-" + UUID.randomUUID() + "@boucle.test";
        staff.open(EmailAddress.of(staffEmail), "Sam Support", PASSWORD, EnumSet.of(Role.SUPPORT), Locale.FRENCH);
        page.navigate(url("/admin/login"));
        page.fill("#username", staffEmail);
        page.fill("#password", PASSWORD);
        page.locator("button[type=submit]").click();
        landOn(url -> url.endsWith("/admin"));
        page.navigate(url("/admin/returns"));
        assertThat(page.locator("table.to-inspect").textContent()).contains(withdrawal.number()).contains(number.value());
        shot("returns-4-queues");
        page.locator("table.to-inspect a", new Page.LocatorOptions().setHasText(withdrawal.number())).click();
        landOn(url -> url.contains("/admin/returns/" + withdrawal.id()));
        page.check("input[name=outcome_1][value=ACCEPTED]");
        page.selectOption("select[name=condition_1]", "NEW_WITH_TAGS");
        shot("returns-5-inspection");
        page.locator("button", new Page.LocatorOptions().setHasText("Enregistrer l'inspection")).click();
        landOn(url -> url.contains("/admin/returns/" + withdrawal.id()));
        assertThat(page.locator("main").textContent()).contains("Inspection enregistrée");
        page.locator("button.refund").click();
        landOn(url -> url.contains("/admin/returns/" + withdrawal.id()));
        assertThat(page.locator("main").textContent()).contains("Remboursé").contains("Avoir");
        shot("returns-6-refunded");

        CustomerReturn done = returns.find(withdrawal.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ReturnStatus.REFUNDED);
        assertThat(done.refundAmount()).isEqualTo(order.totals().total());
        Invoice creditNote = invoicing.documentsOf(number.value()).stream().filter(Invoice::isCreditNote)
                .filter(document -> document.number().value().equals(done.creditNote())).findFirst().orElseThrow();
        assertThat(creditNote.originalInvoice()).isPresent();
        assertThat(page.locator(".credit-note").textContent()).contains(creditNote.number().value());
    }

    private java.util.Optional<MimeMessage> mailTo(String email, String subjectStart) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                var recipients = message.getRecipients(Message.RecipientType.TO);
                return recipients != null && Arrays.stream(recipients)
                        .anyMatch(address -> ((InternetAddress) address).getAddress().equalsIgnoreCase(email))
                        && message.getSubject().startsWith(subjectStart);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst();
    }

    private static String textOf(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder text = new StringBuilder();
            collect(multipart, text);
            return text.toString();
        }
        return String.valueOf(content);
    }

    private static void collect(jakarta.mail.Multipart multipart, StringBuilder text) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Object part = multipart.getBodyPart(i).getContent();
            if (part instanceof jakarta.mail.Multipart nested) {
                collect(nested, text);
            } else {
                text.append(part).append('\n');
            }
        }
    }

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
