package io.boucle.storefront;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.web.servlet.View;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedPagesTests {

    /** A template that writes its model and the request's CSRF token, and counts how often it runs. */
    final List<Map<String, ?>> rendered = new ArrayList<>();
    final View template = (model, request, response) -> {
        rendered.add(model);
        response.setContentType("text/html;charset=UTF-8");
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        response.getWriter().write("<p>" + model.get("title") + " é</p><input name=\"_csrf\" value=\"" + csrf.getToken()
                + "\"><input name=\"_csrf\" value=\"" + csrf.getToken() + "\">");
    };
    final RenderedPages pages = new RenderedPages((name, locale) -> template, Duration.ofSeconds(30));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theSamePageIsRenderedOnceAndEachVisitorGetsItsOwnToken() throws Exception {
        MockHttpServletResponse first = get(Map.of("title", "Lampe"), "token-one", null);
        MockHttpServletResponse second = get(Map.of("title", "Lampe"), "token-two", null);

        assertThat(rendered).hasSize(1);
        assertThat(first.getContentAsString()).isEqualTo(
                "<p>Lampe é</p><input name=\"_csrf\" value=\"token-one\"><input name=\"_csrf\" value=\"token-one\">");
        assertThat(second.getContentAsString()).isEqualTo(
                "<p>Lampe é</p><input name=\"_csrf\" value=\"token-two\"><input name=\"_csrf\" value=\"token-two\">");
        assertThat(second.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(second.getHeader("Content-Length")).as("the response ends only once the interceptors have run").isNull();
        assertThat(second.getLocale()).isEqualTo(Locale.FRENCH);
    }

    @Test
    void anyChangeOfTheModelOrOfTheCookieBannerRendersAgain() throws Exception {
        get(Map.of("title", "Lampe", "available", 2), "t", null);
        get(Map.of("title", "Lampe", "available", 1), "t", null);
        get(Map.of("title", "Lampe", "available", 1), "t", CookieConsent.decided(LocalDate.of(2026, 1, 5), Set.of()));
        get(Map.of("title", "Lampe", "available", 1), "t", CookieConsent.decided(LocalDate.of(2026, 3, 9), Set.of()));

        assertThat(rendered.stream().map(model -> (Object) model.get("available")).toList()).containsExactly(2, 1, 1);
    }

    @Test
    void signedInVisitorsAndFormsAlwaysGetTheirOwnRendering() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("customer", null, "ROLE_CUSTOMER"));
        get(Map.of("title", "Lampe"), "t", null);
        get(Map.of("title", "Lampe"), "t", null);
        SecurityContextHolder.clearContext();
        MockHttpServletRequest post = request("t", null);
        post.setMethod("POST");
        pages.view("storefront/product").render(Map.of("title", "Lampe"), post, new MockHttpServletResponse());
        pages.view("storefront/product").render(Map.of("title", "Lampe"), post, new MockHttpServletResponse());

        assertThat(rendered).hasSize(4);
    }

    @Test
    void nothingIsKeptWithoutATimeToLive() throws Exception {
        RenderedPages none = new RenderedPages((name, locale) -> template, Duration.ZERO);
        none.view("storefront/product").render(Map.of("title", "Lampe"), request("t", null), new MockHttpServletResponse());
        none.view("storefront/product").render(Map.of("title", "Lampe"), request("t", null), new MockHttpServletResponse());

        assertThat(rendered).hasSize(2);
    }

    private MockHttpServletResponse get(Map<String, ?> model, String token, CookieConsent consent) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        pages.view("storefront/product").render(model, request(token, consent), response);
        return response;
    }

    private static MockHttpServletRequest request(String token, CookieConsent consent) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/p/lampe");
        request.addPreferredLocale(Locale.FRENCH);
        request.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", token));
        request.setAttribute(CookieConsent.ATTRIBUTE, consent == null ? CookieConsent.UNDECIDED : consent);
        request.setAttribute(CookieConsentFilter.RETURN_TO, "/p/lampe");
        return request;
    }
}
