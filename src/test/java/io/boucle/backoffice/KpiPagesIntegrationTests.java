package io.boucle.backoffice;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.boucle.staff.Role;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The KPI dashboard, its CSV, its API and the marketing spend, for each staff role. */
@IntegrationTest
class KpiPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        logins = new StaffLogins(accounts, port);
        http = new Http(port);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleSeesWhatItMayAndGets403Elsewhere(Role role) {
        logins.signIn(http, role);
        boolean reads = role != Role.SUPPORT;
        boolean writes = role == Role.OWNER || role == Role.MANAGER;
        for (String path : new String[] { "/admin/kpis", "/admin/kpis?from=2026-01-01&to=2026-01-31", "/admin/kpis.csv",
                "/admin/kpis/spend" }) {
            assertThat(http.get(path).statusCode()).as(role + " " + path).isEqualTo(reads ? 200 : 403);
        }
        String csrf = Http.csrfToken(http.get("/admin").body());
        HttpResponse<String> saved = http.postForm("/admin/kpis/spend",
                Http.form("day", "2020-01-0" + (role.ordinal() + 1), "channel", "email", "amount", "10", "_csrf", csrf));
        assertThat(saved.statusCode()).as(role + " saves spend").isEqualTo(writes ? 302 : 403);
        HttpResponse<String> imported = http.postForm("/admin/kpis/spend/import",
                Http.form("csv", "2020-02-0" + (role.ordinal() + 1) + ",email,10", "_csrf", csrf));
        assertThat(imported.statusCode()).as(role + " imports spend").isEqualTo(writes ? 302 : 403);
        assertThat(jdbc.sql("SELECT count(*) FROM analytics.spend WHERE day IN (:a, :b)")
                .param("a", java.time.LocalDate.parse("2020-01-0" + (role.ordinal() + 1)))
                .param("b", java.time.LocalDate.parse("2020-02-0" + (role.ordinal() + 1))).query(Long.class).single())
                .isEqualTo(writes ? 2 : 0);

        HttpResponse<String> api = new Http(port).get("/api/v1/admin/kpis?from=2026-01-01&to=2026-01-31",
                "Authorization", "Bearer " + logins.apiToken(role));
        assertThat(api.statusCode()).as(role + " API").isEqualTo(reads ? 200 : 403);
        if (!reads) {
            assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void dashboardShowsEachFigureWithItsDefinitionAndThePreviousPeriod() {
        logins.signIn(http, Role.OWNER);
        HttpResponse<String> page = http.get("/admin/kpis?from=2026-01-01&to=2026-01-31");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Indicateurs de pilotage").contains("Taux de conversion")
                .contains("title=\"Sessions ayant abouti à une commande payée ÷ sessions.\"")
                .contains("Période précédente : 01/12/2025 – 31/12/2025").contains("Tunnel de commande")
                .contains("Rétention par cohorte").contains("<svg").contains("<polyline")
                .contains("href=\"/admin/kpis.csv?from=2026-01-01&amp;to=2026-01-31\"");

        HttpResponse<String> csv = http.get("/admin/kpis.csv?from=2026-01-01&to=2026-01-31");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("kpis-2026-01-01-2026-01-31.csv");
        assertThat(csv.body()).startsWith("kpi;label;unit;value;previous;health;from;to\n")
                .contains("conversion_rate;\"Taux de conversion\";RATE;").contains("\nday;sessions;orders;revenue_incl_vat\n2026-01-01;");
    }

    @Test
    void aBadRangeIsAMessageOnThePageAndAProblemInTheApi() {
        logins.signIn(http, Role.MANAGER);
        HttpResponse<String> page = http.get("/admin/kpis?from=2026-02-01&to=2026-01-01");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("to: on or after from");
        assertThat(http.get("/admin/kpis.csv?from=demain&to=2026-01-01").statusCode()).isEqualTo(400);

        String token = "Bearer " + logins.apiToken(Role.MANAGER);
        for (String query : new String[] { "from=2026-02-01&to=2026-01-01", "from=hier&to=2026-01-01", "from=2026-01-01",
                "from=2020-01-01&to=2026-01-01" }) {
            HttpResponse<String> answer = http.get("/api/v1/admin/kpis?" + query, "Authorization", token);
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        HttpResponse<String> ok = http.get("/api/v1/admin/kpis?from=2026-01-01&to=2026-01-31", "Authorization", token);
        assertThat(ok.body()).contains("\"from\":\"2026-01-01\"").contains("\"code\":\"conversion_rate\"")
                .contains("\"previousFrom\":\"2025-12-01\"").contains("\"funnel\":[");
    }

    @Test
    void badSpendIsAFormMessageAndAnImportWithOneBadLineSavesNothing() {
        logins.signIn(http, Role.OWNER);
        String page = http.get("/admin/kpis/spend").body();
        HttpResponse<String> refused = http.postForm("/admin/kpis/spend",
                Http.form("day", "2021-13-01", "channel", "tv", "amount", "-3", "_csrf", Http.csrfToken(page)));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Rien n’a été enregistré").contains("day: a date such as 2026-03-31")
                .contains("channel: one of").contains("amount: from 0 to 10000000");

        String csv = "day;channel;amount\n2021-03-01;email;12,50\n2021-03-02;paid_search;dix\n2021-03-03;tv;1\n";
        HttpResponse<String> imported = multipart("/admin/kpis/spend/import", Http.csrfToken(page), csv);
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(imported.body()).contains("line 3: amount: a number such as 120.50").contains("line 4: channel: one of");
        assertThat(jdbc.sql("SELECT count(*) FROM analytics.spend WHERE day BETWEEN '2021-03-01' AND '2021-03-03'")
                .query(Long.class).single()).isZero();

        HttpResponse<String> good = multipart("/admin/kpis/spend/import", Http.csrfToken(page),
                "2021-03-01;email;12,50\n2021-03-02;paid_search;30\n");
        assertThat(good.statusCode()).isEqualTo(302);
        assertThat(http.get("/admin/kpis/spend").body()).contains("Lignes importées : 2.");
        assertThat(jdbc.sql("SELECT amount FROM analytics.spend WHERE day = '2021-03-01' AND channel = 'email'")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("12.50");
    }

    private HttpResponse<String> multipart(String path, String csrf, String csv) {
        String boundary = "----boucle" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"spend.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return http.send(http.request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }
}
