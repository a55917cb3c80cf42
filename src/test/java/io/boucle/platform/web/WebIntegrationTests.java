package io.boucle.platform.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class WebIntegrationTests {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void homePageIsInFrenchByDefault() {
        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<html lang=\"fr\"").contains("Bienvenue chez Boucle");
        assertThat(home.headers().firstValue("Content-Language")).hasValue("fr");
    }

    @Test
    void browserPreferringEnglishGetsEnglish() {
        HttpResponse<String> home = http.get("/", "Accept-Language", "en-GB,en;q=0.9,fr;q=0.5");
        assertThat(home.body()).contains("<html lang=\"en\"").contains("Welcome to Boucle");
    }

    @Test
    void unsupportedBrowserLanguageFallsBackToFrench() {
        assertThat(http.get("/", "Accept-Language", "de-DE,de;q=0.9").body()).contains("Bienvenue chez Boucle");
    }

    @Test
    void languageSwitcherChoiceIsRemembered() {
        assertThat(http.get("/?lang=en").body()).contains("Welcome to Boucle");
        assertThat(http.get("/").body()).contains("Welcome to Boucle");
        assertThat(http.get("/?lang=fr").body()).contains("Bienvenue chez Boucle");
    }

    @Test
    void unknownLanguageChoiceIsIgnored() {
        HttpResponse<String> page = http.get("/?lang=xx");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Bienvenue chez Boucle");
    }

    @Test
    void stylesheetHasContentHashInItsAddressAndIsCachedForAYear() {
        Matcher css = Pattern.compile("href=\"(/css/boucle-[0-9a-f]{32}\\.css)\"").matcher(http.get("/").body());
        assertThat(css.find()).as("hashed stylesheet link").isTrue();
        HttpResponse<String> stylesheet = http.get(css.group(1), "Accept-Encoding", "gzip");
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Cache-Control")).hasValueSatisfying(value ->
                assertThat(value).contains("max-age=31536000").contains("public"));
        assertThat(stylesheet.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void missingPageIsAFriendlyHtmlPage() {
        HttpResponse<String> missing = http.get("/no-such-page", "Accept", "text/html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(missing.body()).contains("Page introuvable").doesNotContain("Whitelabel").doesNotContain("Exception");
    }

    @Test
    void missingApiResourceIsProblemJson() {
        HttpResponse<String> missing = http.get("/api/v1/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("\"status\":404").contains("\"title\":\"Not Found\"")
                .contains("\"instance\":\"/api/v1/no-such-thing\"");
    }

    @Test
    void everyPageCarriesAStrictContentSecurityPolicy() {
        HttpResponse<String> home = http.get("/");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'").contains("script-src 'self';").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(home.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void openApiDescriptionAndViewerAreServed() {
        HttpResponse<String> description = http.get("/api/v1/openapi.json");
        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(description.body()).contains("\"openapi\":\"3.").contains("/api/v1/admin/me").contains("bearer");
        HttpResponse<String> viewer = http.get("/api/docs");
        assertThat(viewer.statusCode()).isIn(200, 302);
        String viewerPage = viewer.statusCode() == 302
                ? http.get(viewer.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body()
                : viewer.body();
        assertThat(viewerPage).contains("swagger-ui");
    }

    @Test
    void oversizedApiBodyIsRefusedWith413() {
        String big = "{\"text\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> answer = http.postJson("/api/v1/admin/me", big);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void oversizedChunkedApiBodyIsRefusedWith413() {
        byte[] big = ("{\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes();
        HttpRequest request = http.request("/api/v1/test/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> answer = http.send(request);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void invalidApiInputListsEachField() {
        HttpResponse<String> answer = http.postJson("/api/v1/test/echo", "{\"name\":\"\",\"quantity\":-1}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"errors\"").contains("\"field\":\"name\"").contains("\"field\":\"quantity\"");
    }

    @Test
    void malformedJsonIsA400NotA500() {
        HttpResponse<String> answer = http.postJson("/api/v1/test/echo", "{\"name\": ");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("not valid JSON");
    }

    @Test
    void unexpectedFailureRevealsNothingInside() {
        HttpResponse<String> answer = http.get("/api/v1/test/boom");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("unexpected error").doesNotContain("secret detail").doesNotContain("at io.boucle");
    }
}
