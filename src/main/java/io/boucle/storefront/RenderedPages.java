package io.boucle.storefront;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.boucle.shared.KeptValues;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Catalog pages as rendered, for visitors who are not signed in: the template engine takes most of
 * the processor time of a product page, and thousands of visitors see the same page.
 * <p>
 * A page is kept under everything it is rendered from: the template's name, the locale, the whole
 * model the controller built (stock levels, prices, reductions and delivery promise included, so a
 * change of any of them renders the page again), and the request state the layout reads (whether the
 * cookie banner shows, and the page it returns to). The model's values must therefore be values
 * (records, strings, lists and maps of them); a value without {@code equals} only makes every request
 * render. The templates of these pages read nothing else: no bean, no request parameter, no session.
 * <p>
 * The forms' CSRF token differs on every request: a kept page is stored cut at the token, and the
 * request's own token is written in between. Only GET requests of visitors who are not signed in are
 * served this way: signed-in customers and staff always get a page rendered for them. The page served
 * to such a visitor is left in the request ({@code PAGE}) for {@link KeptPageFilter}.
 * Entries live at most {@code boucle.storefront.page-cache-ttl} (30 s by default; 0 keeps
 * nothing) and at most {@value #MAX_ENTRIES} at a time.
 */
@Component
class RenderedPages {

    static final int MAX_ENTRIES = 1_000;

    private record Key(String view, Locale locale, Map<String, Object> model, boolean banner, Object bannerReturnTo) {
    }

    /** The request attribute where a page rendered for a visitor who is not signed in is left ({@link Rendered}). */
    static final String PAGE = RenderedPages.class.getName() + ".page";

    /** The page's bytes, cut where the CSRF token goes. */
    record Rendered(String contentType, byte[][] parts) {

        Charset charset() {
            return RenderedPages.charset(contentType);
        }

        /** Writes the page with this token where it was cut. */
        void write(byte[] token, OutputStream out) throws IOException {
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.write(token);
                }
                out.write(parts[i]);
            }
        }

        long length(byte[] token) {
            long length = (long) token.length * (parts.length - 1);
            for (byte[] part : parts) {
                length += part.length;
            }
            return length;
        }
    }

    private final ViewResolver views;
    private final KeptValues<Key, Rendered> kept;

    @Autowired
    RenderedPages(ThymeleafViewResolver views, @Value("${boucle.storefront.page-cache-ttl:PT30S}") Duration ttl) {
        this((ViewResolver) views, ttl);
    }

    RenderedPages(ViewResolver views, Duration ttl) {
        this.views = views;
        this.kept = new KeptValues<>(ttl, MAX_ENTRIES);
    }

    /** The template of this name, served from what was rendered when nothing it shows has changed. */
    View view(String name) {
        return (model, request, response) -> render(name, model, request, response);
    }

    private void render(String name, Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        Locale locale = RequestContextUtils.getLocale(request);
        View template = views.resolveViewName(name, locale);
        if (template == null) {
            throw new IllegalStateException("no template " + name);
        }
        if (!kept.enabled() || !"GET".equals(request.getMethod()) || !anonymous()) {
            template.render(model, request, response);
            return;
        }
        CookieConsent consent = (CookieConsent) request.getAttribute(CookieConsent.ATTRIBUTE);
        boolean banner = consent == null || !consent.decided();
        Key key = new Key(name, locale, model == null ? Map.of() : new HashMap<>(model), banner,
                banner ? request.getAttribute(CookieConsentFilter.RETURN_TO) : null);
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String token = csrf == null ? "" : csrf.getToken();
        KeptValues.Generation<Key, Rendered> generation = kept.generation();
        Rendered page = kept.find(generation, key);
        if (page == null) {
            Captured captured = new Captured(response);
            template.render(model, request, captured);
            page = cut(captured.getContentType(), captured.text(), token);
            generation.keep(key, page);
        } else {
            response.setContentType(page.contentType());
            response.setLocale(locale);
        }
        request.setAttribute(PAGE, page);
        // No Content-Length: with it, the client holds the whole page as soon as its last byte is
        // written, before the interceptors' afterCompletion (the visit's event) has run.
        page.write(token.getBytes(page.charset()), response.getOutputStream());
    }

    private static boolean anonymous() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated();
    }

    private static Rendered cut(String contentType, String html, String token) {
        Charset charset = charset(contentType);
        String[] pieces = token.isEmpty() ? new String[] {html} : html.split(Pattern.quote(token), -1);
        byte[][] parts = new byte[pieces.length][];
        for (int i = 0; i < pieces.length; i++) {
            parts[i] = pieces[i].getBytes(charset);
        }
        return new Rendered(contentType, parts);
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                return Charset.forName(contentType.substring(at + "charset=".length()).trim());
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A response whose body stays in memory; headers go to the real one. */
    private static final class Captured extends HttpServletResponseWrapper {

        private final StringWriter text = new StringWriter(16_384);
        private final PrintWriter writer = new PrintWriter(text);

        Captured(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            throw new IllegalStateException("a kept page is written as text");
        }

        @Override
        public void flushBuffer() {
            writer.flush();
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setContentLengthLong(long length) {
        }

        String text() {
            writer.flush();
            return text.toString();
        }
    }
}
