package io.boucle.storefront;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.boucle.analytics.Channel;
import io.boucle.analytics.EventType;
import io.boucle.analytics.TrackedEvent;
import io.boucle.analytics.Tracking;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * First-party audience measurement of the shop's pages, only for visitors who accepted it
 * ({@link CookieConsent.Purpose#ANALYTICS}): an anonymous visitor id (cookie {@value #VISITOR},
 * 13 months, not extended) and a session id (cookie {@value #SESSION}, ended by 30 minutes without a
 * page or a new campaign link), each with the channel it started from. The first page of a session
 * records a visit (landing page, referrer, UTM); then product views, searches, additions to the cart,
 * the checkout's steps and the placed order. Recording only queues the event ({@link Tracking}).
 * A visitor who refuses gets no cookie, and those of an earlier acceptance are removed.
 */
@Component
class VisitTracking implements HandlerInterceptor, WebMvcConfigurer {

    static final String VISITOR = "boucle_vid";
    static final String SESSION = "boucle_sid";
    /** Set by the checkout page to the number of the order it has just placed. */
    static final String PLACED_ORDER = VisitTracking.class.getName() + ".placedOrder";
    private static final String CONTEXT = VisitTracking.class.getName() + ".context";
    static final Duration VISITOR_LIFETIME = Duration.ofDays(395);
    static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern ROBOT = Pattern.compile("(?i)bot|crawl|spider|slurp|headless|preview|lighthouse");
    private static final Pattern PRODUCT = Pattern.compile("/p/([a-z0-9-]{1,200})");

    private final Tracking tracking;
    private final Clock clock;

    VisitTracking(Tracking tracking, Clock clock) {
        this.tracking = tracking;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/admin/**", "/api/**", "/actuator/**");
    }

    private record Context(UUID visitor, String firstChannel, UUID session, String channel, boolean newSession) {
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)
                || !method.getBeanType().getPackageName().equals(VisitTracking.class.getPackageName())) {
            return true;
        }
        start(request, response);
        return true;
    }

    /**
     * Reads the visitor's and session's cookies (or gives new ones) before a shop page is written;
     * nothing when the visitor has not accepted measurement, or is a robot.
     */
    void start(HttpServletRequest request, HttpServletResponse response) {
        if (!CookieConsent.of(request).allows(CookieConsent.Purpose.ANALYTICS)) {
            forget(request, response);
            return;
        }
        String agent = request.getHeader("User-Agent");
        if (agent == null || ROBOT.matcher(agent).find()) {
            return;
        }
        String[] visitor = read(request, VISITOR);
        String[] session = read(request, SESSION);
        boolean campaign = request.getParameter("utm_source") != null || request.getParameter("utm_medium") != null
                || request.getParameter("gclid") != null;
        boolean newSession = session == null || (campaign && "GET".equals(request.getMethod()));
        String channel = newSession ? channel(request) : session[1];
        UUID visitorId = visitor == null ? UUID.randomUUID() : UUID.fromString(visitor[0]);
        String firstChannel = visitor == null ? channel : visitor[1];
        UUID sessionId = newSession ? UUID.randomUUID() : UUID.fromString(session[0]);
        if (visitor == null) {
            set(request, response, VISITOR, visitorId + "." + firstChannel, VISITOR_LIFETIME);
        }
        set(request, response, SESSION, sessionId + "." + channel, SESSION_TIMEOUT);
        request.setAttribute(CONTEXT, new Context(visitorId, firstChannel, sessionId, channel, newSession));
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (failure == null) {
            finish(request, response);
        }
    }

    /** Records what the visitor did on a page that was {@link #start started}, unless it failed. */
    void finish(HttpServletRequest request, HttpServletResponse response) {
        if (!(request.getAttribute(CONTEXT) instanceof Context context) || response.getStatus() >= 400) {
            return;
        }
        var now = clock.instant();
        String path = request.getRequestURI();
        if (context.newSession()) {
            String query = request.getQueryString();
            tracking.record(new TrackedEvent(now, EventType.VISIT, context.visitor(), context.session(), context.channel(),
                    query == null ? path : path + "?" + query, request.getHeader("Referer"), request.getParameter("utm_source"),
                    request.getParameter("utm_medium"), request.getParameter("utm_campaign"), null));
        }
        if (request.getAttribute(PLACED_ORDER) instanceof String number) {
            tracking.orderPlaced(number, context.visitor(), context.session(), context.firstChannel(), context.channel(), path, now);
            return;
        }
        EventType type;
        String subject = null;
        if ("POST".equals(request.getMethod())) {
            if (!"/panier/ajouter".equals(path)) {
                return;
            }
            type = EventType.ADD_TO_CART;
            subject = request.getParameter("sku");
        } else if (!"GET".equals(request.getMethod())) {
            return;
        } else if (path.equals("/panier")) {
            type = EventType.CHECKOUT_CART;
        } else if (path.equals("/commande/informations")) {
            type = EventType.CHECKOUT_DETAILS;
        } else if (path.equals("/commande/confirmation")) {
            type = EventType.CHECKOUT_CONFIRM;
        } else if (path.equals("/recherche") && request.getParameter("q") != null && !request.getParameter("q").isBlank()) {
            type = EventType.SEARCH;
            subject = request.getParameter("q").strip().toLowerCase(Locale.ROOT);
        } else if (PRODUCT.matcher(path).matches()) {
            type = EventType.PRODUCT_VIEW;
            subject = path.substring(3);
        } else {
            type = EventType.PAGE_VIEW;
        }
        tracking.record(TrackedEvent.of(now, type, context.visitor(), context.session(), context.channel(), path, subject));
    }

    private static String channel(HttpServletRequest request) {
        return Channel.classify(request.getParameter("utm_source"), request.getParameter("utm_medium"),
                request.getParameter("gclid") != null || request.getParameter("msclkid") != null,
                request.getHeader("Referer"), request.getServerName());
    }

    /** "uuid.channel" from a cookie, or null when absent or not well-formed. */
    private static String[] read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                String[] parts = cookie.getValue().split("\\.", 2);
                if (parts.length == 2 && Channel.known(parts[1])) {
                    try {
                        UUID.fromString(parts[0]);
                        return parts;
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
                return null;
            }
        }
        return null;
    }

    private static void set(HttpServletRequest request, HttpServletResponse response, String name, String value, Duration age) {
        response.addHeader("Set-Cookie", ResponseCookie.from(name, value).path("/").maxAge(age).httpOnly(true)
                .secure(request.isSecure()).sameSite("Lax").build().toString());
    }

    private static void forget(HttpServletRequest request, HttpServletResponse response) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return;
        }
        for (Cookie cookie : cookies) {
            if (VISITOR.equals(cookie.getName()) || SESSION.equals(cookie.getName())) {
                set(request, response, cookie.getName(), "", Duration.ZERO);
            }
        }
    }
}
