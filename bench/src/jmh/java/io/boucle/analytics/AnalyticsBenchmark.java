package io.boucle.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.boucle.BoucleApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The analytics pipeline at scale, on the embedded PostgreSQL of a throw-away data directory:
 * <ol>
 *   <li>ingestion: producer threads record events through {@link Tracking#record} (retrying when
 *       the buffer is full) while the background writer COPYs them; events written per second;</li>
 *   <li>history: {@code events} raw events over 180 days (generated in SQL) and {@code orders} paid
 *       orders with their lines, customers, payments and spend; then the rollups of those days;</li>
 *   <li>dashboard: {@link Kpis#report} for the last 90 days, repeated; latency percentiles.</li>
 * </ol>
 * Arguments: {@code events orders ingestion-events repetitions}. Prints a Markdown fragment.
 */
public final class AnalyticsBenchmark {

    private AnalyticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        long orders = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        long ingestion = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000L;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        Path data = Files.createTempDirectory("boucle-bench-analytics");
        System.setProperty("BOUCLE_DATA_DIR", data.toString());
        System.setProperty("BOUCLE_DEMO", "false");
        System.setProperty("BOUCLE_PORT", "0");
        StringBuilder report = new StringBuilder();
        try (ConfigurableApplicationContext context = SpringApplication.run(BoucleApplication.class)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Tracking tracking = context.getBean(Tracking.class);
            Rollups rollups = context.getBean(Rollups.class);
            Kpis kpis = context.getBean(Kpis.class);
            LocalDate today = LocalDate.now(Clock.systemUTC());
            LocalDate from = today.minusDays(180);
            rollups.ensurePartitions(YearMonth.from(from), YearMonth.from(today).plusMonths(1));

            // 1. ingestion through the buffer
            int producers = 2;
            long perProducer = ingestion / producers;
            long before = tracking.written();
            AtomicLong retries = new AtomicLong();
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    UUID visitor = UUID.randomUUID();
                    UUID session = UUID.randomUUID();
                    Instant at = Instant.now();
                    for (long i = 0; i < perProducer; i++) {
                        if (i % 5 == 0) {
                            session = UUID.randomUUID();
                        }
                        TrackedEvent event = TrackedEvent.of(at, EventType.PRODUCT_VIEW, visitor, session, Channel.ORGANIC_SEARCH,
                                "/p/theiere-fonte", "theiere-fonte");
                        while (!tracking.record(event)) {
                            retries.incrementAndGet();
                            Thread.onSpinWait();
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            while (tracking.pending() > 0) {
                Thread.sleep(5);
            }
            tracking.flush();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long written = tracking.written() - before;
            report.append(String.format(Locale.ROOT, "| ingestion: events recorded and written (COPY, batches of %d) | %,d events in %.1f s = **%,.0f events/s** (%,d times a producer found the buffer full and retried) |%n",
                    Tracking.BATCH, written, seconds, written / seconds, retries.get()));
            rollups.refresh();

            // 2. history
            t0 = System.nanoTime();
            long sessions = events / 5;
            long chunk = 1_000_000;
            for (long start = 0; start < events; start += chunk) {
                jdbc.sql("""
                        INSERT INTO analytics.event (at, day, type, visitor_id, session_id, channel, page, subject)
                        SELECT (CAST(:from AS date) + (s % 180)::int)::timestamp + make_interval(secs => (s % 50000) + (g % 5) * 30),
                               CAST(:from AS date) + (s % 180)::int,
                               CASE g % 5 WHEN 0 THEN 'visit' WHEN 1 THEN 'product_view'
                                          WHEN 2 THEN CASE WHEN s % 10 = 0 THEN 'add_to_cart' ELSE 'page_view' END
                                          WHEN 3 THEN CASE WHEN s % 10 = 0 THEN 'checkout_cart' ELSE 'search' END
                                          ELSE CASE WHEN s % 40 = 0 THEN 'order_placed' WHEN s % 20 = 0 THEN 'checkout_details' ELSE 'page_view' END END,
                               md5('v' || (s % (:sessions * 6 / 10)))::uuid, md5('s' || s)::uuid,
                               (ARRAY['direct','organic_search','paid_search','social','paid_social','email','affiliate','referral'])[1 + s % 8],
                               '/p/product-' || (s % 500), 'product-' || (s % 500)
                        FROM generate_series(:start, :end) AS g, LATERAL (SELECT g / 5 AS s) AS x
                        """).param("from", from).param("sessions", sessions).param("start", start)
                        .param("end", Math.min(events, start + chunk) - 1).update();
            }
            double eventsSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            long customers = Math.max(1, orders * 4 / 10);
            jdbc.sql("""
                    INSERT INTO analytics.order_fact (order_number, paid_at, day, customer_key, new_customer, session_id, first_channel,
                        last_channel, total, vat, second_hand_total, second_hand_margin, refunded)
                    SELECT 'X' || g, (CAST(:from AS date) + (g % 180)::int)::timestamp + make_interval(secs => g % 80000),
                           CAST(:from AS date) + (g % 180)::int, 'c' || (g % :customers), g < :customers, md5('s' || (g * 40))::uuid,
                           (ARRAY['direct','organic_search','paid_search','social','paid_social','email','affiliate','referral'])[1 + (g % :customers) % 8],
                           (ARRAY['direct','organic_search','paid_search','social','paid_social','email','affiliate','referral'])[1 + g % 8],
                           20 + g % 150, round((20 + g % 150) / 6.0, 2), CASE WHEN g % 4 = 0 THEN 20 + g % 150 ELSE 0 END,
                           CASE WHEN g % 4 = 0 THEN round((20 + g % 150) * 0.4, 2) ELSE 0 END, CASE WHEN g % 15 = 0 THEN 20 ELSE 0 END
                    FROM generate_series(0, :orders - 1) AS g
                    """).param("from", from).param("customers", customers).param("orders", orders).update();
            jdbc.sql("""
                    INSERT INTO analytics.order_line_fact (order_number, day, product_slug, title, quantity, total, second_hand)
                    SELECT order_number, day, 'product-' || (hashtext(order_number) & 511), 'Product', 1, total, second_hand_total > 0
                    FROM analytics.order_fact WHERE order_number LIKE 'X%'
                    """).update();
            jdbc.sql("""
                    INSERT INTO analytics.return_fact (return_id, order_number, day, kind, units)
                    SELECT 'R' || order_number, order_number, day + 10, CASE WHEN hashtext(order_number) % 7 = 0 THEN 'conformity' ELSE 'withdrawal' END, 1
                    FROM analytics.order_fact WHERE order_number LIKE 'X%' AND hashtext(order_number) % 12 = 0
                    """).update();
            jdbc.sql("""
                    INSERT INTO analytics.customer_fact (customer_key, first_order_at, first_day, first_channel, orders, revenue_excl)
                    SELECT customer_key, min(paid_at), min(day), min(first_channel), count(*), sum(total - vat)
                    FROM analytics.order_fact WHERE order_number LIKE 'X%' GROUP BY customer_key
                    """).update();
            jdbc.sql("""
                    INSERT INTO analytics.cohort_activity (cohort, month, customers)
                    SELECT date_trunc('month', c.first_day)::date, date_trunc('month', o.day)::date, count(DISTINCT o.customer_key)
                    FROM analytics.order_fact o JOIN analytics.customer_fact c USING (customer_key)
                    WHERE o.order_number LIKE 'X%' GROUP BY 1, 2
                    """).update();
            jdbc.sql("""
                    INSERT INTO analytics.payment_fact (payment_id, day, method, captured, decline_code, challenged)
                    SELECT 'bench-' || g, CAST(:from AS date) + (g % 180)::int,
                           (ARRAY['card','hosted_card','wallet','instalments','giftcard'])[1 + g % 5], g % 10 <> 0,
                           CASE WHEN g % 10 = 0 THEN (ARRAY['card_declined','insufficient_funds','expired_card'])[1 + g % 3] END, g % 5 = 0
                    FROM generate_series(0, (:orders * 11 / 10) - 1) AS g
                    """).param("from", from).param("orders", orders).update();
            jdbc.sql("""
                    INSERT INTO analytics.spend (day, channel, amount)
                    SELECT CAST(:from AS date) + d, c, 50 + d % 30
                    FROM generate_series(0, 179) AS d, unnest(ARRAY['paid_search','paid_social','email','affiliate']) AS c
                    ON CONFLICT DO NOTHING
                    """).param("from", from).update();
            jdbc.sql("INSERT INTO analytics.dirty_day (day) SELECT CAST(:from AS date) + d FROM generate_series(0, 179) AS d ON CONFLICT DO NOTHING")
                    .param("from", from).update();
            jdbc.sql("ANALYZE analytics.event").update();
            double factsSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            int days = rollups.refresh();
            double rollupSeconds = (System.nanoTime() - t0) / 1e9;
            long eventRows = jdbc.sql("SELECT count(*) FROM analytics.event").query(Long.class).single();
            long orderRows = jdbc.sql("SELECT count(*) FROM analytics.order_fact").query(Long.class).single();
            report.append(String.format(Locale.ROOT, "| history generated in SQL | %,d events in %.0f s; %,d paid orders (+ lines, customers, payments, spend) in %.0f s |%n",
                    eventRows, eventsSeconds, orderRows, factsSeconds));
            report.append(String.format(Locale.ROOT, "| rollups of the %d days, from nothing (job `refresh-analytics-rollups`) | %.1f s, %.0f ms a day of ~%,d events |%n",
                    days, rollupSeconds, rollupSeconds * 1000 / Math.max(1, days), eventRows / 180));

            // 3. the dashboard
            LocalDate to = today.minusDays(1);
            LocalDate start = to.minusDays(89);
            for (int i = 0; i < 5; i++) {
                kpis.report(start, to);
            }
            long[] nanos = new long[repetitions];
            KpiReport last = null;
            for (int i = 0; i < repetitions; i++) {
                long t = System.nanoTime();
                last = kpis.report(start, to);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            report.append(String.format(Locale.ROOT, "| dashboard figures for 90 days (`Kpis.report`, %d runs after 5 warm-up) | p50 **%.0f ms**, p90 %.0f ms, max %.0f ms (sessions in range: %s, orders: %s) |%n",
                    repetitions, nanos[repetitions / 2] / 1e6, nanos[(int) (repetitions * 0.9)] / 1e6, nanos[repetitions - 1] / 1e6,
                    last.value("sessions"), last.value("orders")));
        }
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        System.out.println("\n--- analytics benchmark ---");
        System.out.print(report);
        System.exit(0);
    }
}
