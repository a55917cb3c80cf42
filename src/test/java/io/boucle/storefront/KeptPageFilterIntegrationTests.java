package io.boucle.storefront;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import io.boucle.analytics.Tracking;
import io.boucle.catalog.Catalog;
import io.boucle.catalog.NewProduct;
import io.boucle.inventory.Inventory;
import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Catalog pages served again to visitors who are not signed in, as {@link KeptPageFilter} keeps them. */
@IntegrationTest
class KeptPageFilterIntegrationTests {

    private static final Duration TTL = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    KeptPageFilter filter;

    @Autowired
    Catalog catalog;

    @Autowired
    Inventory inventory;

    @Autowired
    Tracking tracking;

    @Autowired
    JdbcClient jdbc;

    final AtomicLong nanos = new AtomicLong();
    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String slug = "lampe-" + id;
    Duration before;

    @BeforeEach
    void keepPages() {
        before = filter.keepFor(TTL, nanos::get);
        catalog.addCategory("kept-" + id, null, 0, LocalizedText.of("Rayon " + id, "Aisle " + id), LocalizedText.of("", ""));
        catalog.add(new NewProduct(slug, "kept-" + id, null, "STANDARD", LocalizedText.of("Lampe " + id, "Lamp " + id),
                LocalizedText.of("Belle.", "Nice."), List.of(new NewProduct.NewVariant("SKU-" + slug, null, Money.euros("20.00"), null, null)),
                List.of(), null, false, true));
        inventory.setOnHand("SKU-" + slug, 5);
    }

    @AfterEach
    void restore() {
        filter.keepFor(before, System::nanoTime);
    }

    @Test
    void aPageIsServedAgainWithEachVisitorsOwnTokenUntilItsTimeRunsOut() {
        Http first = new Http(port);
        Http second = new Http(port);
        HttpResponse<String> rendered = first.get("/p/" + slug);
        long served = filter.served();

        HttpResponse<String> kept = second.get("/p/" + slug);

        assertThat(filter.served()).isEqualTo(served + 1);
        String token = Http.csrfToken(kept.body());
        assertThat(token).isNotEqualTo(Http.csrfToken(rendered.body()));
        assertThat(kept.body().replace(token, "T")).isEqualTo(rendered.body().replace(Http.csrfToken(rendered.body()), "T"));
        assertThat(kept.headers().firstValue("Content-Type")).contains("text/html;charset=UTF-8");
        assertThat(kept.headers().firstValue("Content-Language")).contains("fr");
        for (String header : List.of("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Cache-Control")) {
            assertThat(kept.headers().allValues(header)).as(header).isEqualTo(rendered.headers().allValues(header)).isNotEmpty();
        }
        assertThat(kept.headers().allValues("Set-Cookie")).as("the new visitor's CSRF cookie").anyMatch(c -> c.startsWith("XSRF-TOKEN="));
        assertThat(second.postForm("/panier/ajouter", Http.form("_csrf", token, "sku", "SKU-" + slug, "quantity", "1")).statusCode())
                .as("the token of a kept page is accepted").isEqualTo(302);
        assertThat(second.postForm("/panier/ajouter", Http.form("_csrf", "forged", "sku", "SKU-" + slug, "quantity", "1")).statusCode())
                .isEqualTo(403);

        Http third = new Http(port);
        inventory.setOnHand("SKU-" + slug, 2);
        assertThat(third.get("/p/" + slug).body()).as("within its time").contains("En stock").doesNotContain("Plus que 2");
        nanos.addAndGet(TTL.toNanos());
        assertThat(first.get("/p/" + slug).body()).contains("Plus que 2 en stock");
        assertThat(third.get("/p/" + slug).body()).contains("Plus que 2 en stock");
    }

    @Test
    void aKeptPageIsCompressedForClientsThatAcceptGzip() throws Exception {
        Http http = new Http(port);
        String plain = http.get("/p/" + slug).body();
        HttpClient client = HttpClient.newHttpClient();
        long served = filter.served();

        HttpResponse<byte[]> gzip = client.send(HttpRequest.newBuilder(http.request("/p/" + slug).build().uri())
                .header("Accept-Encoding", "gzip, deflate").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(filter.served()).isEqualTo(served + 1);
        assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzip.headers().allValues("Vary").toString()).containsIgnoringCase("accept-encoding");
        assertThat(gzip.headers().firstValueAsLong("Content-Length")).hasValue(gzip.body().length);
        String page = gunzip(gzip.body());
        assertThat(page.replace(Http.csrfToken(page), "T")).isEqualTo(plain.replace(Http.csrfToken(plain), "T"));
    }

    @Test
    void eachLanguageAndEachStateOfTheCookieBannerHasItsOwnPage() {
        Http http = new Http(port);
        String consent = "boucle_consent=v1." + LocalDate.now(ZoneId.of("Europe/Paris")) + ".none";
        http.get("/p/" + slug);
        long served = filter.served();

        assertThat(http.get("/p/" + slug, "Accept-Language", "en").body()).contains("In stock").doesNotContain("En stock");
        assertThat(http.get("/p/" + slug, "Cookie", consent).body()).doesNotContain("class=\"consent-banner\"");
        assertThat(filter.served()).as("rendered, not served from another's page").isEqualTo(served);

        assertThat(http.get("/p/" + slug, "Accept-Language", "en").body()).contains("In stock");
        assertThat(http.get("/p/" + slug).body()).contains("class=\"consent-banner\"");
        assertThat(filter.served()).isEqualTo(served + 2);
    }

    @Test
    void visitorsWithASessionOrChangingTheLanguageGetTheFullPath() {
        Http http = new Http(port);
        http.get("/p/" + slug);
        long served = filter.served();

        http.get("/p/" + slug, "Cookie", "SESSION=" + UUID.randomUUID());
        http.get("/p/" + slug, "Authorization", "Bearer nothing");
        assertThat(http.get("/p/" + slug + "?lang=en").body()).contains("In stock");

        assertThat(filter.served()).isEqualTo(served);
    }

    @Test
    void aVisitorWhoAcceptedIsMeasuredOnAKeptPage() {
        String consent = "boucle_consent=v1." + LocalDate.now(ZoneId.of("Europe/Paris")) + ".analytics";
        new Http(port).get("/p/" + slug, "Cookie", consent, "User-Agent", "Mozilla/5.0 test");
        long served = filter.served();

        HttpResponse<String> kept = new Http(port).get("/p/" + slug, "Cookie", consent, "User-Agent", "Mozilla/5.0 test");
        tracking.flush();

        assertThat(filter.served()).isEqualTo(served + 1);
        String visitorCookie = kept.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("boucle_vid="))
                .findFirst().orElseThrow();
        UUID visitor = UUID.fromString(visitorCookie.substring("boucle_vid=".length(), visitorCookie.indexOf('.')));
        assertThat(jdbc.sql("SELECT type || ':' || coalesce(subject, '') FROM analytics.event WHERE visitor_id = :v ORDER BY type")
                .param("v", visitor).query(String.class).list()).containsExactly("product_view:" + slug, "visit:");
    }

    @Test
    void aPageThatIsGoneIsForgotten() {
        Http http = new Http(port);
        http.get("/p/" + slug);
        catalog.setPublished(slug, false);
        assertThat(http.get("/p/" + slug).statusCode()).as("within its time").isEqualTo(200);

        nanos.addAndGet(TTL.toNanos());
        assertThat(http.get("/p/" + slug).statusCode()).isEqualTo(404);
        long served = filter.served();
        assertThat(http.get("/p/" + slug).statusCode()).isEqualTo(404);
        assertThat(filter.served()).isEqualTo(served);
    }

    @Test
    void gzipIsAcceptedUnlessRefused() {
        assertThat(KeptPageFilter.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(KeptPageFilter.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(KeptPageFilter.acceptsGzip("*")).isTrue();
        assertThat(KeptPageFilter.acceptsGzip("gzip;q=0, *")).isFalse();
        assertThat(KeptPageFilter.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(KeptPageFilter.acceptsGzip("identity")).isFalse();
        assertThat(KeptPageFilter.acceptsGzip("*;q=0")).isFalse();
        assertThat(KeptPageFilter.acceptsGzip(null)).isFalse();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
