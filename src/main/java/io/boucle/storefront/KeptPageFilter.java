package io.boucle.storefront;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.boucle.platform.security.CsrfTokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Serves a catalog page to a visitor who is not signed in as it was served a moment ago, without the
 * security filter chain, the controller, the database and the template engine: thousands of visitors
 * ask for the same few pages.
 * <p>
 * A page is kept under its address (path and query), the visitor's language, whether the cookie
 * banner shows and whether the request came over HTTPS: everything else a kept page shows is the
 * same for every visitor who is not signed in ({@link RenderedPages} keeps only such pages). It is
 * kept for {@code boucle.storefront.anonymous-page-ttl} (2 s by default; 0 turns this off), so a
 * change of price, stock or text shows within that time; when it has run out, one request renders
 * the page again while the others get the page they had. Pages are renewed by one request at a time
 * per two cores, so under heavy load a page may wait its turn: it is served as it was for at most
 * {@value #STALE_TTLS} times its time (10 s by default), and rendered by every request after that. A
 * page that disappears (404) is forgotten at once.
 * <p>
 * What differs per visitor is done here as the full path would do it: the CSRF token of the forms
 * (the visitor's own, masked afresh; a new one in a cookie when they have none), the visit's
 * cookies and event when they accepted measurement, and the security headers recorded with the
 * page. The compressed page is kept too, so gzip costs nothing per request. Only plain GETs qualify:
 * a request with any cookie other than the shop's visitor cookies (a session, a sign-in), with an
 * {@code Authorization} header, or changing the language ({@code ?lang=}) takes the full path.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class KeptPageFilter extends OncePerRequestFilter {

    static final int MAX_ENTRIES = 1_000;
    /** How many times its time a page is served at most while it waits for its renewal. */
    static final int STALE_TTLS = 5;
    private static final int MAX_ADDRESS_LENGTH = 2_000;
    private static final List<String> NOT_PAGES = List.of("/api/", "/admin", "/actuator/", "/css/", "/js/", "/img/",
            "/fonts/", "/favicon");
    private static final Set<String> VISITOR_COOKIES = Set.of(CookieConsent.COOKIE, VisitTracking.VISITOR,
            VisitTracking.SESSION, CartCookie.NAME, "XSRF-TOKEN", "boucle_lang");
    /** Headers of the response that are not the page's: the server, the visitor and the encoding write them. */
    private static final Set<String> NOT_KEPT = Set.of("set-cookie", "content-length", "content-type", "content-language",
            "content-encoding", "transfer-encoding", "vary", "date", "connection", "keep-alive");

    private record Key(String address, Locale locale, boolean banner, boolean secure) {
    }

    private record Header(String name, String value) {
    }

    private static final class Kept {

        final RenderedPages.Rendered page;
        final GzipParts gzip;
        final List<Header> headers;
        final String pattern;
        final long keptAt;
        final AtomicBoolean renewing = new AtomicBoolean();

        Kept(RenderedPages.Rendered page, List<Header> headers, String pattern, long keptAt) {
            this.page = page;
            this.gzip = new GzipParts(page.parts());
            this.headers = headers;
            this.pattern = pattern;
            this.keptAt = keptAt;
        }
    }

    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
    private final LocaleResolver locales;
    private final CookieConsentFilter consent;
    private final VisitTracking tracking;
    private final AtomicLong served = new AtomicLong();
    private final int renewalsAtOnce = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private final Semaphore renewals = new Semaphore(renewalsAtOnce);
    private volatile long ttlNanos;
    private volatile LongSupplier nanoTime = System::nanoTime;

    KeptPageFilter(LocaleResolver locales, CookieConsentFilter consent, VisitTracking tracking,
            @Value("${boucle.storefront.anonymous-page-ttl:PT2S}") Duration ttl) {
        this.locales = locales;
        this.consent = consent;
        this.tracking = tracking;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return ttlNanos <= 0 || !"GET".equals(request.getMethod()) || path.length() > MAX_ADDRESS_LENGTH
                || NOT_PAGES.stream().anyMatch(path::startsWith) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter("lang") != null || !onlyVisitorCookies(request);
    }

    private static boolean onlyVisitorCookies(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (!VISITOR_COOKIES.contains(cookie.getName())) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        consent.prepare(request);
        Locale locale = locales.resolveLocale(request);
        String query = request.getQueryString();
        Key key = new Key(query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query, locale,
                !CookieConsent.of(request).decided(), request.isSecure());
        Kept page = kept.get(key);
        long now = nanoTime.getAsLong();
        if (page != null && now - page.keptAt < ttlNanos) {
            serve(page, locale, request, response);
            return;
        }
        if (page != null && now - page.keptAt < STALE_TTLS * ttlNanos) {
            // Renewed by one request, and by a few at a time: a page is rendered on a carrier thread
            // that it keeps until done, and the pages that change together (a delivery date at
            // midnight) would otherwise take every carrier from the visitors served meanwhile.
            if (page.renewing.compareAndSet(false, true)) {
                if (renewals.tryAcquire()) {
                    try {
                        chain.doFilter(request, response);
                        keep(key, page, now, request, response);
                    } finally {
                        renewals.release();
                        page.renewing.set(false);
                    }
                    return;
                }
                page.renewing.set(false);
            }
            serve(page, locale, request, response);
            return;
        }
        chain.doFilter(request, response);
        keep(key, page, now, request, response);
    }

    private void keep(Key key, Kept before, long now, HttpServletRequest request, HttpServletResponse response) {
        if (!(request.getAttribute(RenderedPages.PAGE) instanceof RenderedPages.Rendered page)
                || response.getStatus() != HttpServletResponse.SC_OK) {
            if (before != null) {
                kept.remove(key, before);
            }
            return;
        }
        List<Header> headers = new ArrayList<>();
        for (String name : response.getHeaderNames()) {
            if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
                response.getHeaders(name).forEach(value -> headers.add(new Header(name, value)));
            }
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (kept.size() >= MAX_ENTRIES) {
            kept.values().removeIf(entry -> now - entry.keptAt >= STALE_TTLS * ttlNanos);
            if (kept.size() >= MAX_ENTRIES) {
                kept.clear();
            }
        }
        kept.put(key, new Kept(page, List.copyOf(headers), pattern == null ? null : pattern.toString(), now));
    }

    private void serve(Kept page, Locale locale, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        served.incrementAndGet();
        if (page.pattern != null) {
            ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(page.pattern));
        }
        byte[] token = CsrfTokens.forPage(request, response).getBytes(page.page.charset());
        response.setStatus(HttpServletResponse.SC_OK);
        tracking.start(request, response);
        tracking.finish(request, response);
        for (Header header : page.headers) {
            response.addHeader(header.name(), header.value());
        }
        response.setContentType(page.page.contentType());
        response.setLocale(locale);
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        ServletOutputStream out = response.getOutputStream();
        if (acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            response.setContentLengthLong(page.gzip.length(token));
            page.gzip.write(token, out);
        } else {
            response.setContentLengthLong(page.page.length(token));
            page.page.write(token, out);
        }
    }

    /** Whether this Accept-Encoding header lets the response be gzip: named, or "*" when not named, without q=0. */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        Boolean gzip = null;
        Boolean any = null;
        for (String coding : header.split(",")) {
            String[] parameters = coding.split(";");
            String name = parameters[0].strip().toLowerCase(Locale.ROOT);
            boolean accepted = true;
            for (int i = 1; i < parameters.length; i++) {
                String parameter = parameters[i].strip().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    accepted = !parameter.substring(2).strip().matches("0(\\.0{0,3})?");
                }
            }
            if (name.equals("gzip") || name.equals("x-gzip")) {
                gzip = accepted;
            } else if (name.equals("*")) {
                any = accepted;
            }
        }
        return gzip != null ? gzip : any != null && any;
    }

    /** How many pages were served from what was kept. */
    long served() {
        return served.get();
    }

    /** How many pages are renewed at once at most. */
    int renewalsAtOnce() {
        return renewalsAtOnce;
    }

    /** For tests: how long pages are kept (returns the previous value), and the clock of their age, in nanoseconds. */
    Duration keepFor(Duration ttl, LongSupplier nanoTime) {
        Duration previous = Duration.ofNanos(ttlNanos);
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        kept.clear();
        return previous;
    }
}
