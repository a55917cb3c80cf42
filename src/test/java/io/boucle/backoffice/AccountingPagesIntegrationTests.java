package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.util.List;

import io.boucle.invoicing.InvoiceFixtures;
import io.boucle.invoicing.InvoiceWhen;
import io.boucle.invoicing.Invoicing;
import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The accounting reports and the merchant's legal details, in the back office and the admin API. */
@IntegrationTest
class AccountingPagesIntegrationTests {

    static final List<String> PAGES = List.of("/admin/reports", "/admin/reports/journal.csv?from=2026-01-01&to=2026-01-31",
            "/admin/reports/oss.csv?year=2026&quarter=1", "/admin/reports/e-reporting.csv?from=2026-01-01&to=2026-01-31",
            "/admin/settings/merchant");

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @BeforeEach
    void staffLogins() {
        logins = new StaffLogins(accounts, port);
    }

    @Autowired
    Invoicing invoicing;

    @AfterEach
    void demoSettings() {
        invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings());
    }

    @Test
    void theAccountantReadsTheReportsAndDownloadsThemAsCsv() {
        Http http = logins.signedIn(Role.ACCOUNTANT);
        for (String page : PAGES) {
            assertThat(http.get(page).statusCode()).as(page).isEqualTo(200);
        }
        assertThat(http.get("/admin/reports").body()).contains("OSS").contains("E-reporting");
        HttpResponse<String> journal = http.get("/admin/reports/journal.csv?from=2026-01-01&to=2026-01-31");
        assertThat(journal.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(journal.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
                .contains("journal-2026-01-01-2026-01-31.csv");
        assertThat(journal.body()).startsWith("\uFEFFnumber,type,issue_date,");

        HttpResponse<String> badPeriod = http.get("/admin/reports?from=2026-02-01&to=2026-01-01");
        assertThat(badPeriod.statusCode()).isEqualTo(200);
        assertThat(badPeriod.body()).contains("must not be before from");
        assertThat(http.get("/admin/reports/journal.csv?from=yesterday&to=2026-01-31").statusCode()).isEqualTo(400);
    }

    @Test
    void staffWhoKeepNoAccountsSeeNoneOfIt() {
        for (Role role : List.of(Role.MANAGER, Role.SUPPORT)) {
            Http http = logins.signedIn(role);
            for (String page : PAGES) {
                assertThat(http.get(page).statusCode()).as(role + " " + page).isEqualTo(403);
            }
            assertThat(http.get("/admin").body()).doesNotContain("/admin/reports").doesNotContain("/admin/settings/merchant");
        }
        String token = logins.apiToken(Role.SUPPORT);
        assertThat(new Http(port).get("/api/v1/admin/reports/oss?year=2026&quarter=1", "Authorization", "Bearer " + token)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theApiGivesTheReportsAsJsonAndRefusesAPeriodThatMakesNoSense() {
        Http api = new Http(port);
        String token = logins.apiToken(Role.ACCOUNTANT);
        HttpResponse<String> oss = api.get("/api/v1/admin/reports/oss?year=2026&quarter=1", "Authorization", "Bearer " + token);
        assertThat(oss.statusCode()).as(oss.body()).isEqualTo(200);
        assertThat(oss.body()).contains("\"from\":\"2026-01-01\"").contains("\"to\":\"2026-03-31\"");
        HttpResponse<String> refused = api.get("/api/v1/admin/reports/e-reporting?from=2026-02-01&to=2026-01-01",
                "Authorization", "Bearer " + token);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"to\"");
        assertThat(api.get("/api/v1/admin/reports/oss.csv?year=2026&quarter=9", "Authorization", "Bearer " + token)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void theOwnerChangesTheLegalDetailsAndAWrongSirenChangesNothing() {
        Http owner = logins.signedIn(Role.OWNER);
        String page = owner.get("/admin/settings/merchant").body();
        assertThat(page).contains("Boucle Démo SAS").contains("912345675");

        HttpResponse<String> wrong = owner.postForm("/admin/settings/merchant", settingsForm(Http.csrfToken(page), "912345676",
                "Payée à la commande, par carte."));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("SIREN").contains("aria-invalid=\"true\"");
        assertThat(invoicing.merchantSettings()).isEqualTo(InvoiceFixtures.demoSettings());

        HttpResponse<String> saved = owner.postForm("/admin/settings/merchant", settingsForm(Http.csrfToken(page), "912345675",
                "Payée à la commande, par carte."));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(invoicing.merchantSettings().paymentTerms()).isEqualTo("Payée à la commande, par carte.");
    }

    @Test
    void theOwnerChoosesToInvoiceOrdersWhenTheyShip() {
        Http owner = logins.signedIn(Role.OWNER);
        String page = owner.get("/admin/settings/merchant").body();
        assertThat(page).contains("<option value=\"PAID\" selected=\"selected\">");
        try {
            HttpResponse<String> wrong = owner.postForm("/admin/settings/merchant", settingsForm(Http.csrfToken(page),
                    "912345675", "Payée à la commande.") + "&invoiceWhen=TOMORROW");
            assertThat(wrong.statusCode()).isEqualTo(200);
            assertThat(wrong.body()).contains("PAID or SHIPPED");
            assertThat(invoicing.invoiceWhen()).isEqualTo(InvoiceWhen.PAID);

            HttpResponse<String> saved = owner.postForm("/admin/settings/merchant", settingsForm(Http.csrfToken(page),
                    "912345675", "Payée à la commande.") + "&invoiceWhen=SHIPPED");
            assertThat(saved.statusCode()).isEqualTo(302);
            assertThat(invoicing.invoiceWhen()).isEqualTo(InvoiceWhen.SHIPPED);
            assertThat(owner.get("/admin/settings/merchant").body()).contains("<option value=\"SHIPPED\" selected=\"selected\">");
        } finally {
            invoicing.updateMerchantSettings(InvoiceFixtures.demoSettings(), InvoiceWhen.PAID);
        }
    }

    @Test
    void theAccountantReadsTheLegalDetailsButCannotChangeThem() {
        Http accountant = logins.signedIn(Role.ACCOUNTANT);
        String page = accountant.get("/admin/settings/merchant").body();
        assertThat(page).contains("<fieldset disabled=\"disabled\">");
        assertThat(accountant.postForm("/admin/settings/merchant", settingsForm(Http.csrfToken(page), "912345675", "Changé"))
                .statusCode()).isEqualTo(403);
        assertThat(invoicing.merchantSettings()).isEqualTo(InvoiceFixtures.demoSettings());
    }

    private static String settingsForm(String csrf, String siren, String paymentTerms) {
        var demo = InvoiceFixtures.demoSettings();
        return Http.form("_csrf", csrf, "legalName", demo.legalName(), "legalForm", demo.legalForm(),
                "line1", demo.address().line1(), "line2", "", "postalCode", demo.address().postalCode(),
                "city", demo.address().city(), "country", "FR", "siren", siren, "siret", demo.siret(),
                "vatNumber", demo.vatNumber(), "rcs", demo.rcs(), "shareCapital", "10000", "paymentTerms", paymentTerms,
                "paymentTermDays", "0", "earlyPaymentDiscount", demo.earlyPaymentDiscount(),
                "latePaymentPenalties", demo.latePaymentPenalties(), "recoveryIndemnity", demo.recoveryIndemnity(),
                "invoicePrefix", demo.invoicePrefix(), "creditNotePrefix", demo.creditNotePrefix());
    }
}
