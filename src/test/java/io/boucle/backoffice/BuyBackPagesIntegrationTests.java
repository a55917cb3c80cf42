package io.boucle.backoffice;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.buyback.BuyBackFixtures;
import io.boucle.buyback.BuyBacks;
import io.boucle.buyback.OfferReference;
import io.boucle.buyback.OfferStatus;
import io.boucle.buyback.OfferView;
import io.boucle.buyback.PayoutMethod;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.Condition;
import io.boucle.customer.Customers;
import io.boucle.shared.Money;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The buy-back pages: the customer's account pages and the back office, through HTTP as a browser uses them. */
@IntegrationTest
class BuyBackPagesIntegrationTests {

    static final String PASSWORD = "a-long-enough-password";
    static final Pattern REFERENCE = Pattern.compile("/compte/rachats/(RA\\d{4}-\\d{6,})");

    @LocalServerPort
    int port;

    @Autowired
    BuyBacks buyBacks;

    @Autowired
    Catalog catalog;

    @Autowired
    Customers customers;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    BuyBackFixtures fixtures;

    @BeforeEach
    void setUp() {
        logins = new StaffLogins(accounts, port);
        fixtures = new BuyBackFixtures(catalog, buyBacks, customers);
    }

    @Test
    void supportHasNoAccessToBuyBacksAndAccountantsOnlyReadTheRegister() {
        Http support = logins.signedIn(Role.SUPPORT);
        for (String path : List.of("/admin/buybacks", "/admin/buybacks/grid", "/admin/buybacks/register", "/admin/buybacks/register.csv")) {
            assertThat(support.get(path).statusCode()).as(path).isEqualTo(403);
        }
        Http accountant = logins.signedIn(Role.ACCOUNTANT);
        assertThat(accountant.get("/admin/buybacks").statusCode()).isEqualTo(403);
        assertThat(accountant.get("/admin/buybacks/grid").statusCode()).isEqualTo(403);
        assertThat(accountant.get("/admin/buybacks/register").statusCode()).isEqualTo(200);
        HttpResponse<String> csv = accountant.get("/admin/buybacks/register.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).contains("Numéro;Date;Rachat");

        // A support member cannot act on an offer either, even with a valid form token.
        OfferView offer = buyBacks.offer(fixtures.customer("Camille Martin").id(), fixtures.jacket(),
                List.of(new io.boucle.buyback.Photo("a.png", BuyBackFixtures.PNG)));
        String token = Http.csrfToken(support.get("/admin/orders").body());
        assertThat(support.postForm("/admin/buybacks/" + offer.reference() + "/reception", Http.form("_csrf", token)).statusCode())
                .isEqualTo(403);
        assertThat(buyBacks.find(offer.reference()).orElseThrow().status()).isEqualTo(OfferStatus.AWAITING_ITEM);
    }

    @Test
    void aCustomerOffersAnItemStaffInspectIt_theCustomerAcceptsAndStaffRelistIt() {
        Http customer = new Http(port);
        signUp(customer);
        assertThat(customer.get("/compte").body()).contains("/compte/rachats/nouveau");

        // The offer, with a photo, through the multipart form: the quote at once, and the instructions.
        String form = customer.get("/compte/rachats/nouveau").body();
        HttpResponse<String> sent = multipart(customer, "/compte/rachats", Http.csrfToken(form), BuyBackFixtures.PNG, "image/png",
                "category", fixtures.category, "brand", "Filature Vercors", "description", "Veste en laine mérinos, taille M.",
                "condition", "VERY_GOOD", "purchaseYear", String.valueOf(BuyBackFixtures.thisYear() - 2), "handOver", "STORE");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        Matcher found = REFERENCE.matcher(sent.headers().firstValue("Location").orElseThrow());
        assertThat(found.find()).isTrue();
        OfferReference reference = new OfferReference(found.group(1));
        String page = customer.get("/compte/rachats/" + reference).body();
        assertThat(page).contains("60,00").contains("Apportez l&#39;article à notre comptoir").contains(reference.value());
        assertThat(customer.get("/compte/rachats").body()).contains(reference.value());
        assertThat(customer.get("/compte/rachats/" + reference + "/photos/1").statusCode()).isEqualTo(200);

        // Someone else sees nothing of it.
        Http stranger = new Http(port);
        signUp(stranger);
        assertThat(stranger.get("/compte/rachats/" + reference).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/compte/rachats/" + reference + "/photos/1").statusCode()).isEqualTo(404);

        // Staff: reception, then an offer refused for its negative price, then a good one.
        Http manager = logins.signedIn(Role.MANAGER);
        String queue = manager.get("/admin/buybacks").body();
        assertThat(queue).contains(reference.value());
        String detail = manager.get("/admin/buybacks/" + reference).body();
        assertThat(manager.postForm("/admin/buybacks/" + reference + "/reception", Http.form("_csrf", Http.csrfToken(detail)))
                .statusCode()).isEqualTo(302);
        detail = manager.get("/admin/buybacks/" + reference).body();
        manager.postForm("/admin/buybacks/" + reference + "/offer",
                Http.form("_csrf", Http.csrfToken(detail), "grade", "GOOD", "notes", "", "price", "-10"));
        assertThat(manager.get("/admin/buybacks/" + reference).body()).contains("Le prix doit être supérieur à zéro");
        assertThat(buyBacks.find(reference).orElseThrow().status()).isEqualTo(OfferStatus.RECEIVED);
        manager.postForm("/admin/buybacks/" + reference + "/offer",
                Http.form("_csrf", Http.csrfToken(detail), "grade", "GOOD", "notes", "Coude un peu lustré.", "price", "48,50"));
        assertThat(buyBacks.find(reference).orElseThrow().finalOffer()).contains(Money.euros("48.50"));

        // The customer: an invalid IBAN is refused on the form, then the transfer is accepted.
        page = customer.get("/compte/rachats/" + reference).body();
        assertThat(page).contains("48,50").contains("J&#39;accepte l&#39;offre");
        HttpResponse<String> refused = customer.postForm("/compte/rachats/" + reference + "/accepter", acceptance(page, "FR76 3000 6000 0112 3456 7890 180"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Cet IBAN n&#39;est pas valide");
        assertThat(buyBacks.find(reference).orElseThrow().status()).isEqualTo(OfferStatus.OFFER_MADE);
        HttpResponse<String> accepted = customer.postForm("/compte/rachats/" + reference + "/accepter", acceptance(page, BuyBackFixtures.VALID_IBAN));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        OfferView offer = buyBacks.find(reference).orElseThrow();
        assertThat(offer.payout().orElseThrow().method()).isEqualTo(PayoutMethod.BANK_TRANSFER);
        page = customer.get("/compte/rachats/" + reference).body();
        assertThat(page).contains("FR76 **** 0189").doesNotContain("3000 6000 0112");
        HttpResponse<String> slip = customer.get("/compte/rachats/" + reference + "/bordereau.pdf");
        assertThat(slip.statusCode()).isEqualTo(200);
        assertThat(slip.body()).startsWith("%PDF-");
        HttpResponse<String> twice = customer.postForm("/compte/rachats/" + reference + "/accepter", acceptance(page, BuyBackFixtures.VALID_IBAN));
        assertThat(twice.statusCode()).as("accepting twice").isEqualTo(409);
        assertThat(twice.body()).contains("Cette offre a déjà été acceptée");
        assertThat(stranger.postForm("/compte/rachats/" + reference + "/refuser",
                Http.form("_csrf", Http.csrfToken(stranger.get("/compte/rachats").body()))).statusCode()).isEqualTo(404);

        // The accountant makes the transfer and records it, once; a manager does not see transfers.
        assertThat(manager.get("/admin/buybacks/transfers").statusCode()).isEqualTo(403);
        Http accountant = logins.signedIn(Role.ACCOUNTANT);
        String transfers = accountant.get("/admin/buybacks/transfers").body();
        assertThat(transfers).contains(reference.value()).contains("FR76 3000 6000 0112 3456 7890 189").contains("48,50");
        assertThat(accountant.postForm("/admin/buybacks/" + reference + "/transfer-made", Http.form("_csrf", Http.csrfToken(transfers)))
                .statusCode()).isEqualTo(302);
        assertThat(buyBacks.find(reference).orElseThrow().payout().orElseThrow().status()).isEqualTo("PAID");
        assertThat(accountant.get("/admin/buybacks/transfers").body()).contains("Virement du rachat " + reference + " enregistré");
        accountant.postForm("/admin/buybacks/" + reference + "/transfer-made", Http.form("_csrf", Http.csrfToken(transfers)));
        String after = accountant.get("/admin/buybacks/transfers").body();
        assertThat(after.substring(after.indexOf("<main"))).contains("Aucun virement n&#39;est dû pour ce rachat.")
                .doesNotContain(">" + reference + "<");

        // Staff: the register line, then the relisting with the suggested price.
        String register = manager.get("/admin/buybacks/register").body();
        assertThat(register).contains(reference.value()).contains("X4RTBPFW4");
        detail = manager.get("/admin/buybacks/" + reference + "?copyOf=" + fixtures.newProduct).body();
        assertThat(detail).contains("Prix suggéré");
        HttpResponse<String> relisted = manager.postForm("/admin/buybacks/" + reference + "/relist", Http.form("_csrf", Http.csrfToken(detail),
                "copyOf", fixtures.newProduct, "title", "Veste mérinos – seconde main", "price", "119.00", "publish", "on"));
        assertThat(relisted.statusCode()).isEqualTo(302);
        OfferView done = buyBacks.find(reference).orElseThrow();
        assertThat(done.status()).isEqualTo(OfferStatus.RELISTED);
        assertThat(new Http(port).get("/p/" + done.productSlug()).statusCode()).isEqualTo(200);
    }

    @Test
    void anOfferFormWithAFileThatIsNotAPhotoIsRefusedOnTheForm() {
        Http customer = new Http(port);
        signUp(customer);
        String form = customer.get("/compte/rachats/nouveau").body();
        HttpResponse<String> refused = multipart(customer, "/compte/rachats", Http.csrfToken(form),
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), "image/png",
                "category", fixtures.category, "brand", "Marque", "description", "Une description assez longue.",
                "condition", "GOOD", "purchaseYear", "2020", "handOver", "SHIP");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Les photos doivent être en JPEG, PNG ou WebP");
        assertThat(customer.get("/compte/rachats").body()).contains("Vous n&#39;avez encore proposé aucun article");
    }

    @Test
    void managerEditsTheQuoteGridAndABadAmountChangesNothing() {
        Http manager = logins.signedIn(Role.MANAGER);
        String page = manager.get("/admin/buybacks/grid").body();
        manager.postForm("/admin/buybacks/grid", Http.form("_csrf", Http.csrfToken(page), "category", fixtures.category,
                "condition", "FAIR", "band", "OVER_5_YEARS", "amount", "-3"));
        assertThat(buyBacks.quote(fixtures.category, Condition.FAIR, BuyBackFixtures.thisYear() - 8)).isEmpty();
        manager.postForm("/admin/buybacks/grid", Http.form("_csrf", Http.csrfToken(page), "category", fixtures.category,
                "condition", "FAIR", "band", "OVER_5_YEARS", "amount", "7,50"));
        assertThat(buyBacks.quote(fixtures.category, Condition.FAIR, BuyBackFixtures.thisYear() - 8)).contains(Money.euros("7.50"));
        assertThat(manager.get("/admin/buybacks/grid").body()).contains(fixtures.category).contains("7,50");
    }

    private String acceptance(String page, String iban) {
        return Http.form("_csrf", Http.csrfToken(page), "payout", "BANK_TRANSFER", "iban", iban, "lastName", "Martin",
                "firstNames", "Camille", "address", "12 rue des Lilas, 75011 Paris", "document", "NATIONAL_ID_CARD",
                "documentNumber", "X4RTBPFW4", "documentIssuedOn", "2021-03-15", "documentAuthority", "Préfecture de Paris");
    }

    private void signUp(Http http) {
        String page = http.get("/compte/inscription").body();
        String email = "rachat-" + UUID.randomUUID() + "@example.org";
        HttpResponse<String> created = http.send(http.request("/compte/inscription")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "10.77." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250)))
                .POST(HttpRequest.BodyPublishers.ofString(Http.form("_csrf", Http.csrfToken(page), "name", "Camille Martin",
                        "email", email, "password", PASSWORD))).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
    }

    /** A multipart form with the fields given and one photo. */
    private static HttpResponse<String> multipart(Http http, String path, String csrf, byte[] photo, String type, String... fields) {
        String boundary = "----boucle" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        text.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n").append(csrf).append("\r\n");
        for (int i = 0; i < fields.length; i += 2) {
            text.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fields[i])
                    .append("\"\r\n\r\n").append(fields[i + 1]).append("\r\n");
        }
        text.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"photo.png\"\r\n")
                .append("Content-Type: ").append(type).append("\r\n\r\n");
        body.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(photo);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(http.request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}
