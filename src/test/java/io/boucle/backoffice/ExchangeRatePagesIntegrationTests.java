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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The accountant imports the ECB's reference rates, by the back office or the admin API; a bad file imports nothing. */
@IntegrationTest
class ExchangeRatePagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    StaffLogins logins;

    @BeforeEach
    void staffLogins() {
        logins = new StaffLogins(accounts, port);
    }

    // Days long past, so no order's rate of today changes.
    static String ecb(String day, String cubes) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                  <Cube><Cube time="%s">%s</Cube></Cube>
                </gesmes:Envelope>
                """.formatted(day, cubes);
    }

    @Test
    void theAccountantImportsAFileThroughThePageAndSeesTheRates() {
        Http http = logins.signedIn(Role.ACCOUNTANT);
        String page = http.get("/admin/settings/exchange-rates").body();

        HttpResponse<String> sent = multipart(http, Http.csrfToken(page), "eurofxref-daily.xml",
                ecb("2018-03-05", "<Cube currency=\"DKK\" rate=\"7.4471\"/><Cube currency=\"HUF\" rate=\"312.45\"/>"));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        String after = http.get("/admin/settings/exchange-rates").body();
        assertThat(after).contains("2 taux import").contains("DKK").contains("eurofxref-daily.xml");

        HttpResponse<String> refused = multipart(http, Http.csrfToken(after), "evil.xml", """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01">&e;</gesmes:Envelope>
                """);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Rien n&#39;a été importé").doesNotContain("root:");
    }

    @Test
    void theApiImportsAFileAndAnswersABadOneWithAProblem() {
        Http api = new Http(port);
        String token = logins.apiToken(Role.OWNER);

        HttpResponse<String> imported = postXml(api, token, ecb("2018-03-06", "<Cube currency=\"DKK\" rate=\"7.4480\"/>"));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(imported.body()).contains("\"rates\":1").contains("2018-03-06");
        HttpResponse<String> latest = api.get("/api/v1/admin/exchange-rates", "Authorization", "Bearer " + token);
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).contains("\"currency\":\"DKK\"");

        HttpResponse<String> malformed = postXml(api, token, ecb("2018-03-07", "<Cube currency=\"DKK\" rate=\"7.45\">"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(malformed.body()).contains("not well-formed");

        HttpResponse<String> forbidden = postXml(api, logins.apiToken(Role.SUPPORT), ecb("2018-03-08", "<Cube currency=\"DKK\" rate=\"7.45\"/>"));
        assertThat(forbidden.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> postXml(Http api, String token, String xml) {
        return api.send(api.request("/api/v1/admin/exchange-rates").header("Content-Type", "application/xml")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(xml)).build());
    }

    private static HttpResponse<String> multipart(Http http, String csrf, String filename, String xml) {
        String boundary = "----boucle" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
        return http.send(http.request("/admin/settings/exchange-rates")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }
}
