package io.boucle.analytics;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TrackingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Tracking tracking;

    @Test
    void theBufferIsBoundedAndAStopWritesWhatIsStillQueued() {
        Tracking small = new Tracking(dataSource, jdbc, 3, Duration.ofSeconds(1));
        UUID visitor = UUID.randomUUID();
        Instant at = Instant.parse("2018-06-01T12:00:00Z");
        List<Boolean> accepted = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accepted.add(small.record(TrackedEvent.of(at, EventType.PAGE_VIEW, visitor, UUID.randomUUID(), Channel.DIRECT,
                    "/a \"quoted\", page", "x,y\nz")));
        }
        assertThat(accepted).containsExactly(true, true, true, false);
        assertThat(small.dropped()).isEqualTo(1);
        assertThat(count(visitor)).as("nothing written before the stop").isZero();

        small.stop();

        assertThat(count(visitor)).isEqualTo(3);
        assertThat(jdbc.sql("SELECT DISTINCT page || '|' || subject FROM analytics.event WHERE visitor_id = :v").param("v", visitor)
                .query(String.class).single()).isEqualTo("/a \"quoted\", page|x,y\nz");
        assertThat(jdbc.sql("SELECT count(*) FROM analytics.dirty_day WHERE day = '2018-06-01'").query(Long.class).single())
                .as("its day is marked for the rollups").isOne();
    }

    @Test
    void aVisitorWhoAcceptedIsMeasuredWithTheChannelOfTheCampaign() {
        Http http = new Http(port);
        String consent = "boucle_consent=v1." + LocalDate.now(ZoneId.of("Europe/Paris")) + ".analytics";

        HttpResponse<String> landing = http.get("/?utm_source=google&utm_medium=cpc&utm_campaign=soldes-" + UUID.randomUUID(),
                "Cookie", consent, "User-Agent", "Mozilla/5.0 test", "Referer", "https://www.google.fr/");
        assertThat(landing.statusCode()).isEqualTo(200);
        Map<String, String> cookies = cookies(landing);
        assertThat(cookies).containsKeys("boucle_vid", "boucle_sid");
        assertThat(cookies.get("boucle_vid")).contains(".paid_search;").contains("HttpOnly").doesNotContain("Max-Age=0;");
        String visitorCookie = cookies.get("boucle_vid");
        UUID visitor = UUID.fromString(visitorCookie.substring(0, visitorCookie.indexOf('.')));

        // the client sends back the two cookies it was given
        assertThat(http.get("/recherche?q=Velo", "Cookie", consent, "User-Agent", "Mozilla/5.0 test").statusCode()).isEqualTo(200);
        tracking.flush();

        List<String> events = jdbc.sql("SELECT type || ':' || channel || ':' || coalesce(subject, '') || ':' || coalesce(utm_source, '') "
                        + "FROM analytics.event WHERE visitor_id = :v ORDER BY at, type")
                .param("v", visitor).query(String.class).list();
        assertThat(events).contains("visit:paid_search::google", "page_view:paid_search::", "search:paid_search:velo:");
        assertThat(jdbc.sql("SELECT count(DISTINCT session_id) FROM analytics.event WHERE visitor_id = :v").param("v", visitor)
                .query(Long.class).single()).as("one session").isOne();
    }

    @Test
    void aVisitorWhoRefusedOrHasNotChosenGetsNoCookieAndIsNotMeasured() {
        Http http = new Http(port);
        String refused = "boucle_consent=v1." + LocalDate.now(ZoneId.of("Europe/Paris")) + ".none";
        assertThat(cookies(http.get("/", "User-Agent", "Mozilla/5.0 test"))).doesNotContainKeys("boucle_vid", "boucle_sid");
        HttpResponse<String> withdrawn = http.get("/", "Cookie", refused + "; boucle_vid=" + UUID.randomUUID() + ".direct",
                "User-Agent", "Mozilla/5.0 test");
        assertThat(cookies(withdrawn).get("boucle_vid")).as("erased once consent is withdrawn").contains("Max-Age=0");
    }

    @Test
    void channelsComeFromUtmThenClickIdsThenTheReferrer() {
        assertThat(Channel.classify("newsletter", "email", false, null, "shop.example")).isEqualTo(Channel.EMAIL);
        assertThat(Channel.classify("facebook", "cpc", false, null, "shop.example")).isEqualTo(Channel.PAID_SOCIAL);
        assertThat(Channel.classify("google", "CPC", false, null, "shop.example")).isEqualTo(Channel.PAID_SEARCH);
        assertThat(Channel.classify(null, null, true, "https://www.google.fr/", "shop.example")).isEqualTo(Channel.PAID_SEARCH);
        assertThat(Channel.classify(null, null, false, "https://www.google.co.uk/search", "shop.example")).isEqualTo(Channel.ORGANIC_SEARCH);
        assertThat(Channel.classify(null, null, false, "https://l.instagram.com/", "shop.example")).isEqualTo(Channel.SOCIAL);
        assertThat(Channel.classify(null, null, false, "https://blog.example/post", "shop.example")).isEqualTo(Channel.REFERRAL);
        assertThat(Channel.classify(null, null, false, "https://shop.example/p/x", "shop.example")).isEqualTo(Channel.DIRECT);
        assertThat(Channel.classify(null, null, false, null, "shop.example")).isEqualTo(Channel.DIRECT);
        assertThat(Channel.classify("partner", "affiliate", false, null, "shop.example")).isEqualTo(Channel.AFFILIATE);
    }

    private long count(UUID visitor) {
        return jdbc.sql("SELECT count(*) FROM analytics.event WHERE visitor_id = :v").param("v", visitor).query(Long.class).single();
    }

    /** name → value and attributes, e.g. "uuid.paid_search; Path=/; Max-Age=…". */
    private static Map<String, String> cookies(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .collect(Collectors.toMap(c -> c.substring(0, c.indexOf('=')), c -> c.substring(c.indexOf('=') + 1), (a, b) -> b));
    }
}
