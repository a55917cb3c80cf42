package io.boucle.platform.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionControlTests {

    private final AdmissionControl admission = new AdmissionControl(1, Duration.ZERO, new ProblemResponses(JsonMapper.builder().build()));

    @Test
    void beyondTheLimitARequestIsToldToComeBackAndTheNextOneIsServedOnceThereIsRoom() throws Exception {
        CountDownLatch serving = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newSingleThreadExecutor()) {
            Future<MockHttpServletResponse> first = threads.submit(() -> call("/api/v1/carts", (request, response) -> {
                serving.countDown();
                await(finish);
                ((jakarta.servlet.http.HttpServletResponse) response).setStatus(201);
            }));
            serving.await();

            MockHttpServletResponse refused = call("/api/v1/carts", (request, response) -> {
                throw new AssertionError("must not be served");
            });
            MockHttpServletResponse page = call("/panier", (request, response) -> {
                throw new AssertionError("must not be served");
            });
            MockHttpServletResponse stylesheet = call("/css/boucle.css",
                    (request, response) -> ((jakarta.servlet.http.HttpServletResponse) response).setStatus(200));
            finish.countDown();

            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getContentType()).contains("problem+json");
            assertThat(refused.getContentAsString()).contains("try again");
            assertThat(page.getStatus()).isEqualTo(503);
            assertThat(page.getContentAsString()).contains("réessayez");
            assertThat(stylesheet.getStatus()).as("static files are never held").isEqualTo(200);
            assertThat(first.get().getStatus()).isEqualTo(201);
        }
        assertThat(call("/api/v1/carts", (request, response) ->
                ((jakarta.servlet.http.HttpServletResponse) response).setStatus(200)).getStatus())
                .as("the permit was given back").isEqualTo(200);
    }

    private MockHttpServletResponse call(String path, FilterChain chain) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        admission.doFilter(request, response, chain);
        return response;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
