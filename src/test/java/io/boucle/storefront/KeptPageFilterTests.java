package io.boucle.storefront;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import static org.assertj.core.api.Assertions.assertThat;

class KeptPageFilterTests {

    private static final Duration TTL = Duration.ofSeconds(2);

    final AtomicLong nanos = new AtomicLong();
    final KeptPageFilter filter = new KeptPageFilter(new CookieLocaleResolver(), new CookieConsentFilter(Clock.systemUTC()),
            new VisitTracking(null, Clock.systemUTC()), TTL);

    {
        filter.keepFor(TTL, nanos::get);
    }

    @Test
    void pagesThatRanOutAreRenewedAFewAtATimeWhileTheOthersAreServedAsTheyWere() throws Exception {
        int atOnce = filter.renewalsAtOnce();
        for (int i = 0; i <= atOnce; i++) {
            get("/p/" + i, rendering("page " + i));
        }
        nanos.addAndGet(TTL.toNanos());
        CountDownLatch renewing = new CountDownLatch(atOnce);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> renewals = new ArrayList<>();
        for (int i = 0; i < atOnce; i++) {
            String path = "/p/" + i;
            renewals.add(Thread.ofVirtual().start(() -> get(path, (request, response) -> {
                renewing.countDown();
                await(release);
                rendering("new " + path).doFilter(request, response);
            })));
        }
        assertThat(renewing.await(10, TimeUnit.SECONDS)).isTrue();
        long served = filter.served();

        MockHttpServletResponse other = get("/p/" + atOnce, (request, response) -> {
            throw new AssertionError("rendered while every renewal is taken");
        });
        MockHttpServletResponse renewedElsewhere = get("/p/0", (request, response) -> {
            throw new AssertionError("rendered twice at once");
        });

        assertThat(other.getContentAsString()).isEqualTo("page " + atOnce);
        assertThat(renewedElsewhere.getContentAsString()).isEqualTo("page 0");
        assertThat(filter.served()).isEqualTo(served + 2);
        release.countDown();
        for (Thread renewal : renewals) {
            renewal.join();
        }
        assertThat(get("/p/0", rendering("not wanted")).getContentAsString()).isEqualTo("new /p/0");
        assertThat(get("/p/" + atOnce, rendering("renewed now")).getContentAsString()).isEqualTo("renewed now");
    }

    @Test
    void aPageLeftAloneForLongIsRenderedByEveryone() throws Exception {
        get("/p/x", rendering("old"));
        nanos.addAndGet(KeptPageFilter.STALE_TTLS * TTL.toNanos());
        assertThat(get("/p/x", rendering("new")).getContentAsString()).isEqualTo("new");
        assertThat(get("/p/x", rendering("newer")).getContentAsString()).as("kept again").isEqualTo("new");
    }

    private MockHttpServletResponse get(String path, FilterChain chain) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    /** A chain that renders this page, as the shop's pages leave it for the filter. */
    private static FilterChain rendering(String html) {
        return (request, response) -> {
            RenderedPages.Rendered page = new RenderedPages.Rendered("text/html;charset=UTF-8",
                    new byte[][] {html.getBytes(StandardCharsets.UTF_8)});
            request.setAttribute(RenderedPages.PAGE, page);
            ((HttpServletResponse) response).setStatus(200);
            page.write(new byte[0], response.getOutputStream());
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
