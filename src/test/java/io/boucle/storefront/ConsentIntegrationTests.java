package io.boucle.storefront;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.boucle.storefront.CookieConsent.Purpose;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ConsentIntegrationTests {

    /** What the shop may set without consent: language choice, CSRF token, staff session. */
    static final Set<String> STRICTLY_NECESSARY = Set.of("boucle_lang", "XSRF-TOKEN", "SESSION");

    static final String BANNER = "class=\"consent-banner\"";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    // Before any choice

    @Test
    void firstVisitShowsTheBannerWithAcceptRefuseAndCustomise() {
        String home = http.get("/").body();

        String banner = banner(home);
        assertThat(banner).contains("Cookies : à vous de choisir")
                .contains("name=\"choice\" value=\"accept\">Tout accepter</button>")
                .contains("name=\"choice\" value=\"refuse\">Tout refuser</button>")
                .containsPattern("href=\"/cookies\\?from=(/|%2F)\">Personnaliser</a>")
                .contains("action=\"/consentement\"").contains("name=\"_csrf\"");
        assertThat(banner(http.get("/?lang=en").body())).contains(">Accept all<").contains(">Refuse all<").contains(">Customise<");
    }

    @Test
    void refusingLooksExactlyLikeAccepting() {
        String banner = banner(http.get("/").body());

        String accept = classOf(banner, "<button[^>]*value=\"accept\"");
        String refuse = classOf(banner, "<button[^>]*value=\"refuse\"");
        String customise = classOf(banner, "<a[^>]*href=\"/cookies[^\"]*\"");
        assertThat(accept).isEqualTo("consent-choice").isEqualTo(refuse).isEqualTo(customise);
    }

    @Test
    void firstVisitsSetOnlyStrictlyNecessaryCookies() {
        Set<String> names = new java.util.TreeSet<>();
        for (String path : List.of("/", "/recherche?q=th%C3%A9", "/cgv", "/faq", "/cookies", "/page-inconnue", "/?lang=en")) {
            names.addAll(cookiesSet(http.get(path, "Accept", "text/html")).keySet());
        }

        assertThat(names).as("cookies set before any choice").isNotEmpty().isSubsetOf(STRICTLY_NECESSARY)
                .doesNotContain(CookieConsent.COOKIE).doesNotContain("SESSION");
    }

    // Choosing

    @Test
    void refusingStoresTheRefusalForSixMonthsAndTheBannerGoes() {
        String home = http.get("/").body();

        HttpResponse<String> answer = choose(home, "refuse", "/recherche?q=th%C3%A9");

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/recherche?q=th%C3%A9");
        String cookie = cookiesSet(answer).get(CookieConsent.COOKIE);
        assertThat(cookie).startsWith(CookieConsent.COOKIE + "=v1." + today() + ".none;")
                .contains("Path=/").contains("SameSite=Lax").contains("HttpOnly");
        assertThat(http.get("/").body()).doesNotContain(BANNER);
        assertThat(http.get("/recherche?q=th%C3%A9").body()).doesNotContain(BANNER);
    }

    @Test
    void acceptingStoresTheAcceptanceAndTheBannerGoes() {
        HttpResponse<String> answer = choose(http.get("/faq").body(), "accept", "/faq");

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/faq");
        assertThat(cookiesSet(answer).get(CookieConsent.COOKIE)).startsWith(CookieConsent.COOKIE + "=v1." + today() + ".analytics;");
        assertThat(http.get("/faq").body()).doesNotContain(BANNER);
    }

    @Test
    void choiceIsKeptAboutSixMonthsThenForgotten() {
        String cookie = cookiesSet(choose(http.get("/").body(), "accept", "/")).get(CookieConsent.COOKIE);

        Matcher maxAge = Pattern.compile("Max-Age=(\\d+)").matcher(cookie);
        assertThat(maxAge.find()).as("Max-Age in " + cookie).isTrue();
        // Until the start of the day six months after today in Paris: six months are 181 to 184 days, less
        // the part of today already gone (up to a day), give or take the hour of a summer-time change.
        assertThat(Duration.ofSeconds(Long.parseLong(maxAge.group(1))))
                .isGreaterThan(Duration.ofDays(181).minusHours(25)).isLessThanOrEqualTo(Duration.ofDays(184).plusHours(1));
    }

    @Test
    void choiceOlderThanSixMonthsIsAskedAgain() {
        LocalDate today = today();

        assertThat(new Http(port).get("/", "Cookie", CookieConsent.COOKIE + "=v1." + today.minusMonths(5) + ".none").body())
                .doesNotContain(BANNER);
        assertThat(new Http(port).get("/", "Cookie", CookieConsent.COOKIE + "=v1." + today.minusMonths(6) + ".none").body())
                .contains(BANNER);
    }

    @Test
    void malformedOrOutdatedConsentCookieCountsAsNoChoice() {
        for (String value : List.of("v1.2026-13-45.none", "v0." + today() + ".none", "v1." + today() + ".ads", "yes", "v1." + today())) {
            assertThat(new Http(port).get("/", "Cookie", CookieConsent.COOKIE + "=" + value).body()).as(value).contains(BANNER);
        }
    }

    @Test
    void choosingWithoutTheCsrfTokenIsRefusedAndStoresNothing() {
        http.get("/");

        HttpResponse<String> answer = http.postForm("/consentement", Http.form("choice", "accept", "returnTo", "/"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(cookiesSet(answer)).doesNotContainKey(CookieConsent.COOKIE);
        assertThat(http.get("/").body()).contains(BANNER);
    }

    @Test
    void unknownChoiceIsABadRequest() {
        String home = http.get("/").body();

        HttpResponse<String> answer = http.postForm("/consentement",
                Http.form("_csrf", Http.csrfToken(home), "choice", "maybe", "returnTo", "/"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(cookiesSet(answer)).doesNotContainKey(CookieConsent.COOKIE);
    }

    @Test
    void returnAddressOnAnotherSiteIsReplacedByTheHomePage() {
        for (String target : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "faq")) {
            http = new Http(port);
            HttpResponse<String> answer = choose(http.get("/").body(), "refuse", target);
            assertThat(answer.headers().firstValue("Location")).as(target).hasValue("/");
        }
    }

    // The cookie page

    @Test
    void customiseLinkLeadsToTheCookiePageWhichReturnsToThePageTheVisitorWasOn() {
        String banner = banner(http.get("/faq?lang=fr").body());
        Matcher customise = Pattern.compile("href=\"(/cookies\\?from=[^\"]+)\"").matcher(banner);
        assertThat(customise.find()).isTrue();

        String page = http.get(customise.group(1).replace("&amp;", "&")).body();

        assertThat(page).contains("name=\"returnTo\" value=\"/faq?lang=fr\"").doesNotContain(BANNER)
                .contains("Vous n&#39;avez pas encore fait de choix");
        HttpResponse<String> answer = http.postForm("/consentement",
                Http.form("_csrf", Http.csrfToken(page), "choice", "custom", "purpose", "analytics", "returnTo", "/faq?lang=fr"));
        assertThat(answer.headers().firstValue("Location")).hasValue("/faq?lang=fr");
        assertThat(cookiesSet(answer).get(CookieConsent.COOKIE)).startsWith(CookieConsent.COOKIE + "=v1." + today() + ".analytics;");
    }

    @Test
    void cookiePageShowsTheCurrentChoiceAndChangesIt() {
        choose(http.get("/").body(), "accept", "/");
        String accepted = http.get("/cookies").body();
        assertThat(accepted).contains("mesure d&#39;audience acceptée")
                .containsPattern("<input [^>]*id=\"consent-analytics\"[^>]*checked");

        HttpResponse<String> answer = http.postForm("/consentement",
                Http.form("_csrf", Http.csrfToken(accepted), "choice", "custom", "returnTo", "/cookies?saved"));

        assertThat(answer.headers().firstValue("Location")).hasValue("/cookies?saved");
        assertThat(cookiesSet(answer).get(CookieConsent.COOKIE)).as("no box ticked is a refusal")
                .startsWith(CookieConsent.COOKIE + "=v1." + today() + ".none;");
        String refused = http.get("/cookies?saved").body();
        assertThat(refused).contains("Vos choix sont enregistrés.").contains("cookies non nécessaires refusés")
                .doesNotContainPattern("<input [^>]*id=\"consent-analytics\"[^>]*checked");
    }

    // What the rest of the application sees

    @Test
    void applicationSeesTheVisitorsChoiceThroughTheRequest() throws Exception {
        CookieConsentFilter filter = new CookieConsentFilter(clock);

        CookieConsent accepted = seenBy(filter, CookieConsent.COOKIE + "=v1." + today() + ".analytics");
        CookieConsent refused = seenBy(filter, CookieConsent.COOKIE + "=v1." + today() + ".none");
        CookieConsent undecided = seenBy(filter, null);

        assertThat(accepted.decided()).isTrue();
        assertThat(accepted.allows(Purpose.ANALYTICS)).isTrue();
        assertThat(accepted.decidedOn()).isEqualTo(today());
        assertThat(refused.decided()).isTrue();
        assertThat(refused.allows(Purpose.ANALYTICS)).isFalse();
        assertThat(undecided.decided()).isFalse();
        assertThat(undecided.allows(Purpose.ANALYTICS)).as("no choice allows nothing").isFalse();
        assertThat(CookieConsent.of(new MockHttpServletRequest())).as("outside the filter").isEqualTo(CookieConsent.UNDECIDED);
    }

    // Helpers

    private CookieConsent seenBy(CookieConsentFilter filter, String cookie) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        if (cookie != null) {
            String[] pair = cookie.split("=", 2);
            request.setCookies(new Cookie(pair[0], pair[1]));
        }
        AtomicReference<CookieConsent> seen = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(CookieConsent.of((HttpServletRequest) req)));
        return seen.get();
    }

    private HttpResponse<String> choose(String page, String choice, String returnTo) {
        return http.postForm("/consentement", Http.form("_csrf", Http.csrfToken(page), "choice", choice, "returnTo", returnTo));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Paris"));
    }

    private static String banner(String page) {
        int start = page.indexOf("<section " + BANNER);
        assertThat(start).as("the consent banner").isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static String classOf(String html, String element) {
        Matcher matcher = Pattern.compile(element + "[^>]*>").matcher(html);
        assertThat(matcher.find()).as(element).isTrue();
        Matcher css = Pattern.compile("class=\"([^\"]+)\"").matcher(matcher.group());
        assertThat(css.find()).as("class of " + element).isTrue();
        return css.group(1);
    }

    /** The cookies a response sets, by name, each with its whole Set-Cookie header. */
    private static java.util.Map<String, String> cookiesSet(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .collect(Collectors.toMap(header -> header.substring(0, header.indexOf('=')), header -> header, (a, b) -> b));
    }
}
