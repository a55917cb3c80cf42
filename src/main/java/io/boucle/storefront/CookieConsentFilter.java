package io.boucle.storefront;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the visitor's cookie choice once per request and leaves it in the request attribute
 * {@value CookieConsent#ATTRIBUTE}, with the page to come back to after choosing in
 * {@value #RETURN_TO}, so pages (the banner) and code ({@link CookieConsent#of}) see the same.
 * Error pages get it too, even when the request was refused before reaching a controller.
 */
@Component
class CookieConsentFilter extends OncePerRequestFilter {

    static final String RETURN_TO = "consentReturnTo";
    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/Paris");
    private static final int MAX_RETURN_LENGTH = 2000;

    private final Clock clock;

    CookieConsentFilter(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        prepare(request);
        chain.doFilter(request, response);
    }

    /** Leaves the visitor's choice and the page to come back to in the request, once. */
    void prepare(HttpServletRequest request) {
        if (request.getAttribute(CookieConsent.ATTRIBUTE) == null) {
            request.setAttribute(CookieConsent.ATTRIBUTE, read(request));
            request.setAttribute(RETURN_TO, currentPage(request));
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private CookieConsent read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (CookieConsent.COOKIE.equals(cookie.getName())) {
                    return CookieConsent.parse(cookie.getValue(), today()).orElse(CookieConsent.UNDECIDED);
                }
            }
        }
        return CookieConsent.UNDECIDED;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SHOP_ZONE);
    }

    /** The page the visitor is on: only a page they can get back to with a GET. */
    private static String currentPage(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            return "GET".equals(request.getMethod()) ? safeReturn((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)) : "/";
        }
        if (!"GET".equals(request.getMethod())) {
            return "/";
        }
        String query = request.getQueryString();
        return safeReturn(query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query);
    }

    /**
     * A path on this site to send the visitor back to, or "/" for anything else: no other host
     * ("//evil.example", "/\evil.example"), no scheme, nothing but printable ASCII (browsers send
     * addresses percent-encoded).
     */
    static String safeReturn(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_RETURN_LENGTH || path.charAt(0) != '/'
                || path.startsWith("//") || path.indexOf('\\') >= 0 || path.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return "/";
        }
        try {
            URI uri = new URI(path);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? path : "/";
        } catch (URISyntaxException e) {
            return "/";
        }
    }
}
