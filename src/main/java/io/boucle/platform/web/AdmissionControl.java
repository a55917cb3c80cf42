package io.boucle.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves at most a given number of requests at once; the others wait in line, and those that
 * would wait too long are told at once to come back (503 with Retry-After).
 * <p>
 * Every request runs on its own virtual thread, so without a limit a burst (a flash sale, a bot)
 * lets thousands of requests queue for the few pooled database connections: each waits up to the
 * pool's timeout, fails with a 500 after having used memory and CPU, and the shop serves fewer
 * buyers the more arrive. With the line in front, the requests being served get their connection
 * quickly, the shop keeps answering at its full rate, and a refusal costs nothing. Static files
 * and health checks are never held.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class AdmissionControl extends OncePerRequestFilter implements RequestLoad {

    private static final List<String> ALWAYS_SERVED = List.of("/css/", "/js/", "/img/", "/fonts/", "/actuator/",
            "/favicon");

    private final int maxConcurrent;
    private final Semaphore permits;
    private final long waitNanos;
    private final ProblemResponses problems;

    AdmissionControl(@Value("${boucle.web.max-concurrent-requests}") int maxConcurrent,
            @Value("${boucle.web.max-admission-wait}") Duration maxWait, ProblemResponses problems) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("boucle.web.max-concurrent-requests must be at least 1");
        }
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent, true);
        this.waitNanos = maxWait.toNanos();
        this.problems = problems;
    }

    @Override
    public int inFlight() {
        return maxConcurrent - permits.availablePermits();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return ALWAYS_SERVED.stream().anyMatch(path::startsWith);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        if (request.getRequestURI().startsWith("/api/")) {
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The shop is very busy: please try again in a moment.");
            return;
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write("""
                <!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>Boucle</title>
                <p>La boutique est très demandée : réessayez dans un instant. / The shop is very busy: please try again in a moment.</p>
                </html>
                """.getBytes(StandardCharsets.UTF_8));
    }
}
