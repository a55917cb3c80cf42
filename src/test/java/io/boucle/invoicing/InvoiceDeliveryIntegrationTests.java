package io.boucle.invoicing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.boucle.catalog.Catalog;
import io.boucle.order.OrderNumber;
import io.boucle.order.Orders;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issued documents reach the customer by email with their PDF, stay downloadable from the order page and
 * the store API with the order's access token, and from the admin API and the back office for the owner
 * and the accountant.
 */
@IntegrationTest
class InvoiceDeliveryIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Invoicing invoicing;

    @Autowired
    Orders orders;

    @Autowired
    StaffAccounts staff;

    StaffLogins logins;

    @Autowired
    GreenMail greenMail;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    Http http;
    ShopFixtures shop;
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void setUp() {
        logins = new StaffLogins(staff, port);
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
        http = new Http(port);
        shop = new ShopFixtures(http, json, catalog);
    }

    @Test
    void invoiceIsEmailedOnceWithItsPdfAndTheCreditNoteToo() throws Exception {
        String email = "mail-" + shop.id + "@example.org";
        String number = shop.paidOrder(shop.product("bowl", "18.50"), 2, email).get("number").asString();
        Invoice invoice = invoiceOf(number);

        MimeMessage mail = await().atMost(Duration.ofSeconds(20)).until(() -> documentsMailedTo(email), found -> !found.isEmpty())
                .getFirst();
        assertThat(mail.getSubject()).contains(invoice.number().value()).contains(number);
        Attachment pdf = attachments(mail).stream().filter(part -> part.filename().endsWith(".pdf")).findFirst().orElseThrow();
        assertThat(pdf.filename()).isEqualTo(invoice.number().value() + ".pdf");
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.content()).isEqualTo(invoicing.pdf(invoice.number()).orElseThrow());
        assertThat(FacturXTests.embeddedXml(pdf.content())).isEqualTo(invoicing.xml(invoice.number()).orElseThrow());

        // The "issued" event delivered again sends nothing more.
        String replay = "replayed-" + shop.id;
        transactions.executeWithoutResult(status -> events.publishEvent(new InvoiceIssued(invoice.number(), replay,
                invoice.issueDate(), invoice.totals().payable(), Instant.now(Clock.systemUTC()))));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FILTER (WHERE completion_date IS NOT NULL) = count(*) AND count(*) > 0
                FROM platform.event_publication WHERE serialized_event LIKE :replay AND listener_id LIKE '%InvoiceDelivery%'
                """).param("replay", "%" + replay + "%").query(Boolean.class).single());
        assertThat(jdbc.sql("SELECT count(*) FROM invoicing.document_delivery d JOIN invoicing.document i ON i.id = d.document_id"
                + " WHERE i.number = :number").param("number", invoice.number().value()).query(Long.class).single()).isEqualTo(1);

        orders.cancel(new OrderNumber(number), "Rupture de stock");

        List<MimeMessage> both = await().atMost(Duration.ofSeconds(20)).until(() -> documentsMailedTo(email), found -> found.size() >= 2);
        assertThat(both).hasSize(2);
        MimeMessage credit = both.stream().filter(message -> subject(message).contains("AV")).findFirst().orElseThrow();
        assertThat(subject(credit)).contains("avoir");
        assertThat(attachments(credit)).extracting(Attachment::filename).anyMatch(name -> name.startsWith("AV") && name.endsWith(".pdf"));
    }

    @Test
    void orderPageListsTheInvoiceAndDownloadsItWithTheOrderTokenOnly() {
        JsonNode order = shop.paidOrder(shop.product("cup", "9.00"), 1, "page-" + shop.id + "@example.org");
        String number = order.get("number").asString();
        String token = order.get("accessToken").asString();
        Invoice invoice = invoiceOf(number);
        await().atMost(Duration.ofSeconds(20)).until(() -> invoicing.pdf(invoice.number()).isPresent());

        HttpResponse<String> page = http.get("/commande/" + number + "?t=" + token);
        String link = "/commande/" + number + "/documents/" + invoice.number().value() + "?t=" + token;
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(invoice.number().value()).contains(link.replace("&", "&amp;"));

        HttpResponse<byte[]> pdf = bytes(link);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).contains("attachment").contains(invoice.number().value() + ".pdf"));
        assertThat(pdf.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(pdf.body()).isEqualTo(invoicing.pdf(invoice.number()).orElseThrow());

        String documentPath = "/commande/" + number + "/documents/" + invoice.number().value();
        assertThat(bytes(documentPath).statusCode()).as("no token").isEqualTo(404);
        assertThat(bytes(documentPath + "?t=wrong-" + token).statusCode()).as("another token").isEqualTo(404);
        JsonNode other = shop.paidOrder(shop.product("saucer", "6.00"), 1, "other-" + shop.id + "@example.org");
        assertThat(bytes("/commande/" + other.get("number").asString() + "/documents/" + invoice.number().value() + "?t="
                + other.get("accessToken").asString()).statusCode()).as("another order's own token").isEqualTo(404);
    }

    @Test
    void storeApiLinksTheOrdersDocumentsForTheTokenHolder() {
        JsonNode order = shop.paidOrder(shop.product("plate", "14.00"), 1, "api-" + shop.id + "@example.org");
        String number = order.get("number").asString();
        String token = order.get("accessToken").asString();
        Invoice invoice = invoiceOf(number);

        JsonNode seen = shop.read(http.get("/api/v1/orders/" + number + "?accessToken=" + token)).get("order");
        JsonNode link = seen.get("invoices").get(0);
        assertThat(link.get("number").asString()).isEqualTo(invoice.number().value());

        HttpResponse<byte[]> pdf = bytes(link.get("pdfUrl").asString());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).isEqualTo(invoicing.pdf(invoice.number()).orElseThrow());
        HttpResponse<byte[]> xml = bytes(link.get("xmlUrl").asString());
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
        assertThat(new String(xml.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("CrossIndustryInvoice");
        assertThat(bytes("/api/v1/orders/" + number + "/invoices/" + invoice.number().value() + "/pdf?accessToken=nope")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void adminApiServesTheFilesToOwnersAndAccountantsOnly() {
        String number = shop.paidOrder(shop.product("jug", "32.00"), 1, "admin-" + shop.id + "@example.org").get("number").asString();
        Invoice invoice = invoiceOf(number);
        String pdfPath = "/api/v1/admin/invoices/" + invoice.number().value() + "/pdf";
        String xmlPath = "/api/v1/admin/invoices/" + invoice.number().value() + "/xml";

        for (String token : List.of(ShopFixtures.OWNER_TOKEN, logins.apiToken(Role.ACCOUNTANT))) {
            HttpResponse<byte[]> pdf = bytes(pdfPath, "Authorization", "Bearer " + token);
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.body()).isEqualTo(invoicing.pdf(invoice.number()).orElseThrow());
            HttpResponse<byte[]> xml = bytes(xmlPath, "Authorization", "Bearer " + token);
            assertThat(xml.statusCode()).isEqualTo(200);
            assertThat(xml.body()).isEqualTo(invoicing.xml(invoice.number()).orElseThrow());
        }
        JsonNode listed = shop.read(http.get("/api/v1/admin/invoices?order=" + number, "Authorization", "Bearer " + ShopFixtures.OWNER_TOKEN));
        assertThat(listed.get(0).get("number").asString()).isEqualTo(invoice.number().value());
        for (Role role : List.of(Role.SUPPORT, Role.MANAGER)) {
            assertThat(bytes(pdfPath, "Authorization", "Bearer " + logins.apiToken(role)).statusCode()).as(role.name()).isEqualTo(403);
        }
        assertThat(bytes(xmlPath).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = http.get("/api/v1/admin/invoices/F1999-999999/pdf", "Authorization", "Bearer " + ShopFixtures.OWNER_TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void backOfficeListsSearchesAndDownloadsForTheAccountant() {
        String number = shop.paidOrder(shop.product("pot", "21.00"), 1, "office-" + shop.id + "@example.org").get("number").asString();
        Invoice invoice = invoiceOf(number);

        signIn(Role.ACCOUNTANT);
        HttpResponse<String> page = page("/admin/invoices?q=" + number);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(invoice.number().value()).contains("Camille Martin")
                .contains("/admin/invoices/" + invoice.number().value() + ".pdf");
        assertThat(page("/admin/invoices?q=" + number + "&type=CREDIT_NOTE").body()).doesNotContain(invoice.number().value());
        assertThat(page("/admin").body()).as("a link in the menu").contains("/admin/invoices");
        HttpResponse<byte[]> pdf = bytes("/admin/invoices/" + invoice.number().value() + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).isEqualTo(invoicing.pdf(invoice.number()).orElseThrow());
        assertThat(bytes("/admin/invoices/" + invoice.number().value() + ".xml").statusCode()).isEqualTo(200);

        signIn(Role.SUPPORT);
        assertThat(page("/admin/invoices").statusCode()).isEqualTo(403);
        assertThat(bytes("/admin/invoices/" + invoice.number().value() + ".pdf").statusCode()).isEqualTo(403);
    }

    private Invoice invoiceOf(String number) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> invoicing.documentsOf(number), found -> !found.isEmpty())
                .getFirst();
    }

    /** GET with the browser's cookies (the back office's session), the answer's bytes as they are. */
    private HttpResponse<byte[]> bytes(String path, String... headers) {
        return send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> page(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = http.request(path);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return browser.send(request, body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in to the back office in a new browser. */
    private void signIn(Role role) {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String email = "invoices-" + UUID.randomUUID() + "@boucle.test";
        staff.open(EmailAddress.of(email), "Staff", PASSWORD, EnumSet.of(role), Locale.FRENCH);
        String csrf = Http.csrfToken(page("/admin/login").body());
        HttpResponse<String> signedIn = send(request("/admin/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form("username", email, "password", PASSWORD, "_csrf", csrf)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
    }

    /** The invoices and credit notes mailed to an address (not the order's acknowledgment). */
    private List<MimeMessage> documentsMailedTo(String email) {
        return receivedBy(email).stream()
                .filter(message -> subject(message).startsWith("Votre facture") || subject(message).startsWith("Votre avoir"))
                .toList();
    }

    private List<MimeMessage> receivedBy(String email) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(message -> {
            try {
                var recipients = message.getRecipients(Message.RecipientType.TO);
                return recipients != null && Arrays.stream(recipients)
                        .anyMatch(address -> ((InternetAddress) address).getAddress().equalsIgnoreCase(email));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    record Attachment(String filename, String contentType, byte[] content) {
    }

    private static List<Attachment> attachments(Part part) throws Exception {
        List<Attachment> found = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                found.addAll(attachments(multipart.getBodyPart(i)));
            }
        } else if (part.getFileName() != null) {
            try (InputStream in = part.getInputStream()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                in.transferTo(content);
                found.add(new Attachment(part.getFileName(), part.getContentType(), content.toByteArray()));
            }
        }
        return found;
    }
}
