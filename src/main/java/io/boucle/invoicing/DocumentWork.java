package io.boucle.invoicing;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.LockSupport;

import io.boucle.platform.web.RequestLoad;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Where issued documents get their Factur-X file and their email: threads of their own behind a
 * queue, that let shoppers go first.
 *
 * <p>A document is issued (numbered, stored, chained) in a short transaction right after the
 * payment; making its Factur-X costs about 20 ms of a core (docs/benchmarks/invoicing.md). Made on
 * the listeners' common executor as each order is paid, a rush of orders would spend the cores the
 * checkout needs on files that may well wait a few minutes. So the listeners of
 * {@link InvoiceIssued} and {@link CreditNoteIssued} run here ({@code boucle.invoicing.document-threads},
 * one by default), and before each document {@link Pace} waits until the shop is quiet: at most
 * {@code boucle.invoicing.document-quiet-requests} requests being served, for at most
 * {@code boucle.invoicing.document-max-wait}, after which the document is made anyway. Their events
 * stay incomplete in the publication registry until the document is sent, so a crash loses none:
 * they are delivered again at restart or by the job that redelivers stalled events.
 */
@Configuration(proxyBeanMethods = false)
class DocumentWork {

    static final String EXECUTOR = "invoiceDocuments";

    @Bean(EXECUTOR)
    ThreadPoolTaskExecutor invoiceDocuments(@Value("${boucle.invoicing.document-threads}") int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(Integer.MAX_VALUE);
        executor.setThreadNamePrefix("documents-");
        executor.setThreadPriority(Thread.MIN_PRIORITY);
        executor.setDaemon(true);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy());
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }

    @Bean
    Pace documentPace(RequestLoad load, @Value("${boucle.invoicing.document-quiet-requests}") int quietAt,
            @Value("${boucle.invoicing.document-max-wait}") Duration maxWait) {
        return new Pace(load, quietAt, maxWait, Duration.ofMillis(20));
    }

    /**
     * Waits for a quiet moment. The wait is measured on the monotonic timer, as it schedules work
     * and dates nothing.
     */
    static final class Pace {

        private final RequestLoad load;
        private final int quietAt;
        private final long maxWaitNanos;
        private final long pollNanos;

        Pace(RequestLoad load, int quietAt, Duration maxWait, Duration poll) {
            if (quietAt < 0 || maxWait.isNegative() || poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("the document pace needs a quiet level >= 0 and positive durations");
            }
            this.load = load;
            this.quietAt = quietAt;
            this.maxWaitNanos = maxWait.toNanos();
            this.pollNanos = poll.toNanos();
        }

        /** Returns once at most the quiet number of requests are being served, or when waited long enough. */
        void awaitQuiet() {
            long start = System.nanoTime();
            while (load.inFlight() > quietAt && System.nanoTime() - start < maxWaitNanos) {
                LockSupport.parkNanos(pollNanos);
            }
        }
    }
}
