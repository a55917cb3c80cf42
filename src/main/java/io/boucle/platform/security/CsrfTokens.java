package io.boucle.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * The forms' CSRF tokens: kept in a cookie, not the session (a visitor gets a session, a row in
 * PostgreSQL, only by signing in), and written in pages masked differently on every request.
 */
public final class CsrfTokens {

    private static final CsrfTokenRequestHandler PAGES = new XorCsrfTokenRequestAttributeHandler();

    private CsrfTokens() {
    }

    /** Where the tokens are kept; the security filter chain and the shoppers' sign-in use it. */
    static CsrfTokenRepository repository() {
        return new CookieCsrfTokenRepository();
    }

    /**
     * The token a page served without the security filter chain writes in its forms, as that chain
     * would give it: the visitor's own (a new one in a cookie when they have none), masked afresh.
     */
    public static String forPage(HttpServletRequest request, HttpServletResponse response) {
        DeferredCsrfToken token = repository().loadDeferredToken(request, response);
        PAGES.handle(request, response, token::get);
        return ((CsrfToken) request.getAttribute(CsrfToken.class.getName())).getToken();
    }
}
