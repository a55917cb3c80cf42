package io.boucle.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the daily rollups the dashboard reads: every write of events or facts marks its day dirty
 * ({@code analytics.dirty_day}); {@link #refresh()} recomputes each dirty day from the raw rows of
 * that day only, in one transaction per day (the mark is taken first, so a day written to again
 * meanwhile is marked again and recomputed next time). Run every minute by the job
 * {@code refresh-analytics-rollups}, once per cluster.
 */
@Component
class Rollups {

    private static final Logger log = LoggerFactory.getLogger(Rollups.class);
    private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyy_MM");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Rollups(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Recomputes every dirty day; returns how many days were recomputed. */
    int refresh() {
        ensurePartitions(YearMonth.from(Days.of(clock.instant())), YearMonth.from(Days.of(clock.instant())).plusMonths(2));
        int done = 0;
        while (true) {
            List<LocalDate> days = jdbc.sql("SELECT day FROM analytics.dirty_day ORDER BY day LIMIT 100").query(LocalDate.class).list();
            if (days.isEmpty()) {
                return done;
            }
            for (LocalDate day : days) {
                transactions.executeWithoutResult(status -> recompute(day));
                done++;
            }
        }
    }

    private void recompute(LocalDate day) {
        if (jdbc.sql("DELETE FROM analytics.dirty_day WHERE day = :day").param("day", day).update() == 0) {
            return; // another node took it
        }
        for (String table : List.of("daily_traffic", "daily_visitors", "daily_sales", "daily_payments", "daily_declines", "daily_products")) {
            jdbc.sql("DELETE FROM analytics." + table + " WHERE day = :day").param("day", day).update();
        }
        jdbc.sql("""
                INSERT INTO analytics.daily_traffic (day, channel, visitors, sessions, product_views, searches, s_product,
                    s_add_to_cart, s_cart, s_details, s_confirm, s_placed, s_paid)
                WITH s AS (
                    SELECT e.session_id, (array_agg(e.visitor_id))[1] AS visitor_id, (array_agg(e.channel ORDER BY e.at))[1] AS channel,
                           bool_or(e.type = 'visit') AS visit,
                           count(*) FILTER (WHERE e.type = 'product_view') AS product_views,
                           count(*) FILTER (WHERE e.type = 'search') AS searches,
                           bool_or(e.type = 'product_view') AS product, bool_or(e.type = 'add_to_cart') AS add_to_cart,
                           bool_or(e.type = 'checkout_cart') AS cart, bool_or(e.type = 'checkout_details') AS details,
                           bool_or(e.type = 'checkout_confirm') AS confirm, bool_or(e.type = 'order_placed') AS placed
                    FROM analytics.event e WHERE e.day = :day GROUP BY e.session_id
                ), paid AS (
                    SELECT DISTINCT session_id FROM analytics.order_fact WHERE day = :day AND session_id IS NOT NULL
                )
                SELECT :day, s.channel, count(DISTINCT s.visitor_id), count(*) FILTER (WHERE s.visit),
                       coalesce(sum(s.product_views), 0), coalesce(sum(s.searches), 0),
                       count(*) FILTER (WHERE s.product), count(*) FILTER (WHERE s.add_to_cart), count(*) FILTER (WHERE s.cart),
                       count(*) FILTER (WHERE s.details), count(*) FILTER (WHERE s.confirm), count(*) FILTER (WHERE s.placed),
                       count(p.session_id)
                FROM s LEFT JOIN paid p ON p.session_id = s.session_id
                GROUP BY s.channel
                """).param("day", day).update();
        jdbc.sql("""
                INSERT INTO analytics.daily_visitors (day, visitors)
                SELECT :day, count(DISTINCT visitor_id) FROM analytics.event WHERE day = :day HAVING count(*) > 0
                """).param("day", day).update();
        jdbc.sql("""
                INSERT INTO analytics.daily_sales (day, first_channel, last_channel, orders, new_customers, refunded_orders,
                    total, vat, second_hand_total, second_hand_margin, returned_orders)
                SELECT :day, o.first_channel, o.last_channel, count(*), count(*) FILTER (WHERE o.new_customer),
                       count(*) FILTER (WHERE o.refunded > 0), sum(o.total), sum(o.vat), sum(o.second_hand_total),
                       sum(o.second_hand_margin),
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM analytics.return_fact r WHERE r.order_number = o.order_number))
                FROM analytics.order_fact o WHERE o.day = :day GROUP BY o.first_channel, o.last_channel
                """).param("day", day).update();
        jdbc.sql("""
                INSERT INTO analytics.daily_payments (day, method, attempts, captured, challenged)
                SELECT :day, method, count(*), count(*) FILTER (WHERE captured), count(*) FILTER (WHERE challenged)
                FROM analytics.payment_fact WHERE day = :day GROUP BY method
                """).param("day", day).update();
        jdbc.sql("""
                INSERT INTO analytics.daily_declines (day, decline_code, attempts)
                SELECT :day, decline_code, count(*) FROM analytics.payment_fact
                WHERE day = :day AND NOT captured GROUP BY decline_code
                """).param("day", day).update();
        jdbc.sql("DELETE FROM analytics.daily_customers WHERE first_day = :day").param("day", day).update();
        jdbc.sql("""
                INSERT INTO analytics.daily_customers (first_day, first_channel, customers, orders, revenue_excl, repeaters)
                SELECT :day, first_channel, count(*), sum(orders), sum(revenue_excl), count(*) FILTER (WHERE orders >= 2)
                FROM analytics.customer_fact WHERE first_day = :day GROUP BY first_channel
                """).param("day", day).update();
        jdbc.sql("""
                INSERT INTO analytics.daily_products (day, product_slug, title, quantity, total)
                SELECT :day, product_slug, min(title), sum(quantity), sum(total)
                FROM analytics.order_line_fact WHERE day = :day GROUP BY product_slug
                """).param("day", day).update();
    }

    /** Monthly partitions of the events from {@code from} to {@code to}, created when missing. */
    void ensurePartitions(YearMonth from, YearMonth to) {
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            String name = "event_" + month.format(PARTITION);
            boolean exists = jdbc.sql("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'analytics' AND c.relname = :name").param("name", name).query(Long.class).single() > 0;
            if (exists || jdbc.sql("SELECT EXISTS (SELECT 1 FROM analytics.event_default WHERE day >= :from AND day < :to)")
                    .param("from", month.atDay(1)).param("to", month.plusMonths(1).atDay(1)).query(Boolean.class).single()) {
                continue; // rows of that month already sit in the default partition: they stay there
            }
            jdbc.sql("CREATE TABLE IF NOT EXISTS analytics." + name + " PARTITION OF analytics.event FOR VALUES FROM ('"
                    + month.atDay(1) + "') TO ('" + month.plusMonths(1).atDay(1) + "')").update();
            log.debug("Partition {} created", name);
        }
    }
}
