package io.boucle.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.boucle.invoicing.CreditNoteRequest;
import io.boucle.invoicing.Invoice;
import io.boucle.invoicing.InvoiceFixtures;
import io.boucle.invoicing.Invoicing;
import io.boucle.shared.EmailAddress;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.boucle.invoicing.InvoiceFixtures.anOrder;
import static io.boucle.invoicing.InvoiceFixtures.goods;
import static io.boucle.invoicing.InvoiceFixtures.secondHand;
import static io.boucle.tax.TaxCategory.REDUCED_5_5;
import static io.boucle.tax.TaxCategory.STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AdminInvoicingApiIntegrationTests {

    static final String OWNER_TOKEN = "bcl_owner_token_for_tests_0123456789";
    static final String SETTINGS = "/api/v1/admin/settings/merchant";

    @LocalServerPort
    int port;

    @Autowired
    Invoicing invoicing;

    @Autowired
    StaffAccounts staff;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    Http http;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void setUp() {
        http = new Http(port);
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
    }

    @AfterEach
    void restoreSettings() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
    }

    // Merchant settings

    @Test
    void ownerAndAccountantReadTheMerchantSettings() {
        for (String token : List.of(OWNER_TOKEN, staffToken(Role.ACCOUNTANT))) {
            HttpResponse<String> answer = http.get(SETTINGS, "Authorization", "Bearer " + token);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode settings = json.readTree(answer.body());
            assertThat(settings.get("legalName").asString()).isEqualTo("Boucle Démo SAS");
            assertThat(settings.get("siren").asString()).isEqualTo("912345675");
            assertThat(settings.get("vatNumber").asString()).isEqualTo("FR65912345675");
            assertThat(settings.get("address").get("city").asString()).isEqualTo("Paris");
            assertThat(settings.get("shareCapital").get("amount").asString()).isEqualTo("10000.00");
            assertThat(settings.get("invoicePrefix").asString()).isEqualTo("F");
            assertThat(settings.get("confirmedAt").isNull()).isFalse();
        }
    }

    @Test
    void ownerChangesTheMerchantSettings() {
        HttpResponse<String> answer = put(SETTINGS, settingsJson("732829320", "73282932000074", "FR44732829320"), OWNER_TOKEN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).get("legalName").asString()).isEqualTo("Atelier " + id);
        assertThat(invoicing.merchantSettings().siren()).isEqualTo("732829320");
        assertThat(invoicing.merchantSettings().address().line2()).contains("Cour B");
    }

    @Test
    void settingsWithAnInvalidSirenOrVatKeyAreRefusedFieldByFieldAndNothingIsWritten() {
        HttpResponse<String> answer = put(SETTINGS, settingsJson("732829321", "73282932000074", "FR45732829320"), OWNER_TOKEN);

        assertProblem(answer, 400);
        assertThat(fields(answer)).contains("siren");
        answer = put(SETTINGS, settingsJson("732829320", "73282932000074", "FR45732829320"), OWNER_TOKEN);
        assertProblem(answer, 400);
        assertThat(fields(answer)).containsExactly("vatNumber");
        assertThat(answer.body()).contains("FR44732829320");
        assertThat(invoicing.merchantSettings()).isEqualTo(InvoiceFixtures.demoSettings());
    }

    @Test
    void settingsWithMissingFieldsAreRefusedNamingThem() {
        HttpResponse<String> answer = put(SETTINGS, """
                {"legalName": "", "address": {"line1": "1 rue", "city": "Paris", "country": "fr"}}
                """, OWNER_TOKEN);

        assertProblem(answer, 400);
        assertThat(fields(answer)).contains("legalName", "siren", "address.country", "paymentTermDays");
        assertThat(invoicing.merchantSettings()).isEqualTo(InvoiceFixtures.demoSettings());
        assertProblem(put(SETTINGS, "{not json", OWNER_TOKEN), 400);
    }

    @Test
    void onlyTheOwnerChangesTheSettings() {
        String body = settingsJson("732829320", "73282932000074", "FR44732829320");
        for (Role role : List.of(Role.ACCOUNTANT, Role.MANAGER, Role.SUPPORT)) {
            assertProblem(put(SETTINGS, body, staffToken(role)), 403);
        }
        assertProblem(put(SETTINGS, body, null), 401);
        assertThat(invoicing.merchantSettings()).isEqualTo(InvoiceFixtures.demoSettings());
    }

    @Test
    void supportAndManagerCannotReadTheSettingsAndAnonymousCallersAreAskedForAToken() {
        assertProblem(http.get(SETTINGS, "Authorization", "Bearer " + staffToken(Role.SUPPORT)), 403);
        assertProblem(http.get(SETTINGS, "Authorization", "Bearer " + staffToken(Role.MANAGER)), 403);
        assertProblem(http.get(SETTINGS), 401);
    }

    // Invoices

    @Test
    void accountantListsTheInvoiceAndCreditNotesOfAnOrderWithMoneyAsDecimalStrings() {
        String order = "ORD-" + id;
        Invoice invoice = invoicing.issueInvoice(anOrder(order)
                .with(goods("MUG", STANDARD, 2, "12.90", "Mug en grès"), goods("BOOK", REDUCED_5_5, 1, "21.10", "Livre"),
                        secondHand("COAT", "160.00", "100.00", "Manteau en laine"))
                .delivery("5.90").request());
        Invoice note = invoicing.issueCreditNote(CreditNoteRequest.lines(invoice.number(), "Rétractation", 1));

        HttpResponse<String> answer = http.get("/api/v1/admin/invoices?order=" + order,
                "Authorization", "Bearer " + staffToken(Role.ACCOUNTANT));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode documents = json.readTree(answer.body());
        assertThat(documents).hasSize(2);
        JsonNode first = documents.get(0);
        assertThat(first.get("number").asString()).isEqualTo(invoice.number().value());
        assertThat(first.get("type").asString()).isEqualTo("INVOICE");
        assertThat(first.get("issueDate").asString()).isEqualTo(invoice.issueDate().toString());
        assertThat(first.get("currency").asString()).isEqualTo("EUR");
        JsonNode line = first.get("lines").get(0);
        assertThat(line.get("description").asString()).isEqualTo("Mug en grès");
        assertThat(line.get("quantity").asInt()).isEqualTo(2);
        assertThat(line.get("unitPriceExclVat").isString()).as("money as a decimal string").isTrue();
        assertThat(line.get("unitPriceExclVat").asString()).isEqualTo(invoice.line(1).unitPriceExclVat().amount().toPlainString());
        assertThat(line.get("vatRate").asString()).isEqualTo("20");
        assertThat(line.get("vatCategory").asString()).isEqualTo("S");
        assertThat(line.get("totalExclVat").asString()).isEqualTo(invoice.line(1).totalExclVat().amount().toPlainString());
        JsonNode margin = first.get("lines").get(2);
        assertThat(margin.get("vatCategory").asString()).isEqualTo("E");
        assertThat(margin.get("vatRate").asString()).isEqualTo("0");
        assertThat(first.get("vatBreakdown")).hasSize(invoice.vatBreakdown().size());
        JsonNode row = first.get("vatBreakdown").get(0);
        assertThat(row.get("rate").asString()).isEqualTo("20");
        assertThat(row.get("category").asString()).isEqualTo("S");
        assertThat(row.get("base").asString()).isEqualTo(invoice.vatBreakdown().getFirst().taxableAmount().amount().toPlainString());
        assertThat(row.get("amount").asString()).isEqualTo(invoice.vatBreakdown().getFirst().vatAmount().amount().toPlainString());
        assertThat(first.get("totalExclVat").asString()).isEqualTo(invoice.totals().exclVat().amount().toPlainString());
        assertThat(first.get("totalVat").asString()).isEqualTo(invoice.totals().vat().amount().toPlainString());
        assertThat(first.get("totalInclVat").asString()).isEqualTo(invoice.totals().inclVat().amount().toPlainString());
        assertThat(first.get("amountPayable").asString()).isEqualTo("212.80");
        assertThat(first.get("mentions").get(0).asString()).contains("Biens d'occasion");
        assertThat(first.get("originalInvoice").isNull()).isTrue();
        assertThat(first.get("seller").get("siren").asString()).isEqualTo("912345675");
        assertThat(answer.body()).as("the purchase price never reaches an invoice").doesNotContain("100.00");

        JsonNode credit = documents.get(1);
        assertThat(credit.get("number").asString()).isEqualTo(note.number().value());
        assertThat(credit.get("type").asString()).isEqualTo("CREDIT_NOTE");
        assertThat(credit.get("typeCode").asString()).isEqualTo("381");
        assertThat(credit.get("originalInvoice").asString()).isEqualTo(invoice.number().value());
        assertThat(credit.get("originalInvoiceDate").asString()).isEqualTo(invoice.issueDate().toString());
        assertThat(credit.get("totalInclVat").asString()).isEqualTo(note.totals().inclVat().amount().toPlainString());
        assertThat(credit.get("reason").asString()).isEqualTo("Rétractation");

        HttpResponse<String> one = http.get("/api/v1/admin/invoices/" + note.number().value(),
                "Authorization", "Bearer " + OWNER_TOKEN);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json.readTree(one.body()).get("lines").get(0).get("creditedLine").asInt()).isEqualTo(1);
        assertThat(json.readTree(one.body()).get("lines").get(0).get("creditedUnits").asInt()).as("both mugs").isEqualTo(2);
        assertThat(line.get("creditedUnits").isNull()).as("an invoice line credits nothing").isTrue();
    }

    @Test
    void invoicesOfAnOrderWithoutAnyIsAnEmptyList() {
        HttpResponse<String> answer = http.get("/api/v1/admin/invoices?order=ORD-none-" + id, "Authorization", "Bearer " + OWNER_TOKEN);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body())).isEmpty();
    }

    @Test
    void unknownInvoiceIs404AndAMissingOrderIs400() {
        assertProblem(http.get("/api/v1/admin/invoices/F1999-000001", "Authorization", "Bearer " + OWNER_TOKEN), 404);
        assertProblem(http.get("/api/v1/admin/invoices/not-a-number", "Authorization", "Bearer " + OWNER_TOKEN), 404);
        assertProblem(http.get("/api/v1/admin/invoices", "Authorization", "Bearer " + OWNER_TOKEN), 400);
    }

    @Test
    void accountantVerifiesTheChain() {
        invoicing.issueInvoice(anOrder("ORD-chain-" + id).with(goods("MUG", STANDARD, 1, "24.00", "Mug")).request());

        HttpResponse<String> answer = http.get("/api/v1/admin/invoices/chain-verification",
                "Authorization", "Bearer " + staffToken(Role.ACCOUNTANT));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = json.readTree(answer.body());
        assertThat(report.get("status").asString()).isEqualTo("OK");
        assertThat(report.get("documents").asLong()).isPositive();
        assertThat(report.get("lastHash").asString()).hasSize(64);
    }

    @Test
    void chainVerificationAnswersAlteredWithTheNumberOfTheDocumentChangedInTheDatabase() {
        Invoice altered = invoicing.issueInvoice(anOrder("ORD-altered-" + id).with(goods("MUG", STANDARD, 1, "24.00",
                "Mug en grès")).request());
        Invoice after = invoicing.issueInvoice(anOrder("ORD-after-" + id).with(goods("MUG", STANDARD, 1, "30.00",
                "Mug en grès")).request());
        String accountant = "Bearer " + staffToken(Role.ACCOUNTANT);
        // The change must be committed for the endpoint's own transaction to see it. The trigger that refuses
        // it is turned off and on again inside the changing transaction, so no other session ever sees it off;
        // the description is put back the same way, whatever the assertions say.
        setDescription(altered, "Mug en porcelaine");
        try {
            HttpResponse<String> answer = http.get("/api/v1/admin/invoices/chain-verification", "Authorization", accountant);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode report = json.readTree(answer.body());
            assertThat(report.get("status").asString()).isEqualTo("ALTERED");
            assertThat(report.get("document").asString()).as("the first altered document, not a later one")
                    .isEqualTo(altered.number().value()).isNotEqualTo(after.number().value());
            assertThat(report.get("position").asLong()).isPositive();
            assertThat(report.get("documents").asLong()).as("the documents found intact before it")
                    .isEqualTo(report.get("position").asLong() - 1);
            assertThat(report.get("detail").asString()).contains("no longer matches its hash");
        } finally {
            setDescription(altered, "Mug en grès");
        }

        HttpResponse<String> restored = http.get("/api/v1/admin/invoices/chain-verification", "Authorization", accountant);
        assertThat(json.readTree(restored.body()).get("status").asString()).as(restored.body()).isEqualTo("OK");
    }

    private void setDescription(Invoice document, String description) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("ALTER TABLE invoicing.document_line DISABLE TRIGGER document_line_immutable").update();
            int changed = jdbc.sql("""
                    UPDATE invoicing.document_line SET description = :description
                    WHERE line_number = 1 AND document_id = (SELECT id FROM invoicing.document WHERE number = :number)
                    """).param("description", description).param("number", document.number().value()).update();
            assertThat(changed).isEqualTo(1);
            jdbc.sql("ALTER TABLE invoicing.document_line ENABLE TRIGGER document_line_immutable").update();
        });
    }

    @Test
    void invoicesAreForOwnersAndAccountantsOnly() {
        String support = staffToken(Role.SUPPORT);
        String manager = staffToken(Role.MANAGER);
        for (String path : List.of("/api/v1/admin/invoices?order=ORD-" + id, "/api/v1/admin/invoices/chain-verification",
                "/api/v1/admin/invoices/F2026-000001")) {
            assertProblem(http.get(path, "Authorization", "Bearer " + support), 403);
            assertProblem(http.get(path, "Authorization", "Bearer " + manager), 403);
            assertProblem(http.get(path), 401);
            assertProblem(http.get(path, "Authorization", "Bearer bcl_not_a_token_of_anyone_0000000"), 401);
        }
    }

    private String settingsJson(String siren, String siret, String vatNumber) {
        return """
                {"legalName": "Atelier %s", "legalForm": "SARL", "address": {"line1": "4 rue du Faubourg", "line2": "Cour B",
                 "postalCode": "75010", "city": "Paris", "country": "FR"}, "siren": "%s", "siret": "%s", "vatNumber": "%s",
                 "rcs": "RCS Paris 732 829 320", "shareCapital": {"amount": "5000.00", "currency": "EUR"}, "vatOnDebits": false,
                 "paymentTerms": "Payée à la commande.", "paymentTermDays": 30,
                 "earlyPaymentDiscount": "Pas d'escompte pour paiement anticipé.",
                 "latePaymentPenalties": "Taux de refinancement de la BCE majoré de 10 points.",
                 "recoveryIndemnity": "Indemnité forfaitaire pour frais de recouvrement : 40 €.",
                 "invoicePrefix": "F", "creditNotePrefix": "AV"}
                """.formatted(id, siren, siret, vatNumber);
    }

    private HttpResponse<String> put(String path, String body, String token) {
        HttpRequest.Builder request = http.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    private String staffToken(Role role) {
        StaffAccount account = staff.open(EmailAddress.of("invoicing-" + id + "-" + UUID.randomUUID().toString().substring(0, 8)
                        + "-" + role.name().toLowerCase(Locale.ROOT) + "@boucle.test"),
                "Staff " + role, "a-long-enough-password", Set.of(role), Locale.FRENCH);
        return staff.issueApiToken(account.id(), "tests").token();
    }

    private List<String> fields(HttpResponse<String> answer) {
        List<String> fields = new ArrayList<>();
        json.readTree(answer.body()).path("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("at io.boucle").doesNotContain("Exception");
    }
}
