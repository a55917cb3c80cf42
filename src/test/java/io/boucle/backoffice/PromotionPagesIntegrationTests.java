package io.boucle.backoffice;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;

import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PromotionPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    JdbcClient jdbc;

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
    Http http;

    @BeforeEach
    void client() {
        logins = new StaffLogins(accounts, port);
        http = new Http(port);
    }

    String[] form(String code, String percent, String validFrom, String validUntil) {
        return new String[] { "label", "Soldes " + id, "labelEn", "Sale " + id, "code", code, "kind", "PERCENTAGE",
                "percent", percent, "amount", "", "buyQuantity", "", "freeQuantity", "", "tiers", "", "category", "", "skus", "",
                "minimumSubtotal", "20,00", "validFrom", validFrom, "validUntil", validUntil, "usageLimit", "50",
                "perCustomerLimit", "", "priority", "10", "combinable", "on" };
    }

    String post(String path, String page, String... fields) {
        String[] withCsrf = java.util.Arrays.copyOf(fields, fields.length + 2);
        withCsrf[fields.length] = "_csrf";
        withCsrf[fields.length + 1] = Http.csrfToken(page);
        HttpResponse<String> answer = http.postForm(path, Http.form(withCsrf));
        return answer.statusCode() + " " + answer.headers().firstValue("Location").orElse("") + "\n" + answer.body();
    }

    @Test
    void managerCreatesEditsAndDeactivatesAPromotion() {
        logins.signIn(http, Role.MANAGER);
        String newForm = http.get("/admin/promotions/new").body();
        assertThat(newForm).contains("Nouvelle promotion").contains("name=\"_csrf\"");

        String created = post("/admin/promotions", newForm, form("soldes-" + id, "15", "2026-01-01T00:00", ""));
        assertThat(created).startsWith("302 ").contains("/admin/promotions");

        String list = http.get("/admin/promotions").body();
        assertThat(list).contains("Promotion « Soldes " + id + " » enregistrée.").contains("SOLDES-" + id).contains("Active")
                .contains("0 / 50").contains("−15 %");
        String promotionId = jdbc.sql("SELECT id::text FROM pricing.promotion WHERE code = :code").param("code", "SOLDES-" + id)
                .query(String.class).single();

        String edit = http.get("/admin/promotions/" + promotionId).body();
        assertThat(edit).contains("value=\"SOLDES-" + id + "\"").contains("value=\"2026-01-01T00:00\"");
        String changed = post("/admin/promotions/" + promotionId, edit, form("soldes-" + id, "20", "2099-01-01T00:00", ""));
        assertThat(changed).startsWith("302 ");
        assertThat(http.get("/admin/promotions").body()).contains("−20 %").contains("Programmée");

        String page = http.get("/admin/promotions").body();
        assertThat(post("/admin/promotions/" + promotionId + "/deactivate", page)).startsWith("302 ");
        assertThat(http.get("/admin/promotions").body()).contains("Promotion « Soldes " + id + " » désactivée.").contains("Désactivée");
    }

    @Test
    void badInputIsShownOnTheFormAndNothingIsSaved() {
        logins.signIn(http, Role.OWNER);
        String newForm = http.get("/admin/promotions/new").body();

        String refused = post("/admin/promotions", newForm, form("bad-" + id, "150", "2026-06-01T00:00", "2026-05-01T00:00"));

        assertThat(refused).startsWith("200 ").contains("Le formulaire contient des erreurs")
                .contains("percent: more than 0 and at most 100").contains("validUntil: after validFrom")
                .contains("value=\"Soldes " + id + "\"");
        String unreadable = post("/admin/promotions", newForm, form("bad-" + id, "dix", "demain", ""));
        assertThat(unreadable).contains("percent: a number such as 10").contains("validFrom: a date and time");
        assertThat(jdbc.sql("SELECT count(*) FROM pricing.promotion WHERE code = :code").param("code", "BAD-" + id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aDuplicateCodeIsAFormMessage() {
        logins.signIn(http, Role.OWNER);
        String newForm = http.get("/admin/promotions/new").body();
        assertThat(post("/admin/promotions", newForm, form("twice-" + id, "10", "", ""))).startsWith("302 ");

        String again = post("/admin/promotions", http.get("/admin/promotions/new").body(), form("TWICE-" + id, "10", "", ""));

        assertThat(again).startsWith("200 ").contains("already uses the code &#39;TWICE-" + id + "&#39;");
    }

    @Test
    void deactivatingWithoutCsrfTokenChangesNothingAndSupportMayNotSeePromotions() {
        logins.signIn(http, Role.OWNER);
        String newForm = http.get("/admin/promotions/new").body();
        post("/admin/promotions", newForm, form("csrf-" + id, "10", "", ""));
        String promotionId = jdbc.sql("SELECT id::text FROM pricing.promotion WHERE code = :code").param("code", "CSRF-" + id)
                .query(String.class).single();

        assertThat(http.postForm("/admin/promotions/" + promotionId + "/deactivate", "").statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT active FROM pricing.promotion WHERE id = :id::uuid").param("id", promotionId)
                .query(Boolean.class).single()).isTrue();

        http = new Http(port);
        logins.signIn(http, Role.SUPPORT);
        assertThat(http.get("/admin/promotions").statusCode()).isEqualTo(403);
    }
}
