package io.boucle.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.boucle.shared.Money;
import io.boucle.tax.DistanceSales;
import io.boucle.tax.DistanceSalesSource;
import io.boucle.tax.VatEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The seller's EU distance sales to consumers, per calendar year (Europe/Paris), for the OSS threshold
 * (DOMAIN-RULES §3). Each order that adds to them gets one row, written in its placement's transaction
 * ({@code orders.distance_sale}); a cancelled order no longer counts (the sum skips it), an order awaiting
 * its payment does.
 * <p>
 * Whether a year went over the threshold is a fact of the database, the same for every node: a row of
 * {@code orders.distance_sales_year}, inserted by the placement that takes the year's total (orders not
 * cancelled) over the threshold, and deleted by the cancellation that brings it back to the threshold or
 * under it, both under the year's transaction-scoped advisory lock. A placement reads the rows of its year and
 * the previous one by key: either present, the sale is taxed at destination with no lock. Otherwise it takes the
 * lock and sums the year's rows (few, by definition, while under EUR 10,000): two placements cannot both count
 * on staying under it. Sales no order here records (before an upgrade) can be given per year as an opening
 * figure, {@code boucle.tax.distance-sales-opening.<year>}. Carts read an estimate kept for {@code boucle.tax.distance-sales-estimate-for} (one
 * minute). Domestic orders and exports never reach this class.
 */
@Component
public class DistanceSalesLedger implements DistanceSalesSource {

    private record Cached(DistanceSales sales, Instant until) {
    }

    private final JdbcClient jdbc;
    private final VatEngine engine;
    private final Clock clock;
    private final boolean opted;
    private final Duration estimateFor;
    private final Map<Integer, Cached> estimates = new ConcurrentHashMap<>();
    private final Environment environment;

    DistanceSalesLedger(JdbcClient jdbc, VatEngine engine, Clock clock,
            @Value("${boucle.tax.opted-for-destination-taxation:false}") boolean opted,
            @Value("${boucle.tax.distance-sales-estimate-for:PT1M}") Duration estimateFor, Environment environment) {
        this.environment = environment;
        this.jdbc = jdbc;
        this.engine = engine;
        this.clock = clock;
        this.opted = opted;
        this.estimateFor = estimateFor;
    }

    @Override
    public DistanceSales estimate(LocalDate date) {
        if (opted) {
            return new DistanceSales(Money.zero(Money.EUR), Money.zero(Money.EUR), true);
        }
        Instant now = Instant.now(clock);
        Cached cached = estimates.get(date.getYear());
        if (cached != null && now.isBefore(cached.until())) {
            return cached.sales();
        }
        DistanceSales sales = crossed(date).orElseGet(() -> read(date));
        estimates.put(date.getYear(), new Cached(sales, now.plus(estimateFor)));
        return sales;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public DistanceSales exact(LocalDate date) {
        if (opted) {
            return new DistanceSales(Money.zero(Money.EUR), Money.zero(Money.EUR), true);
        }
        Optional<DistanceSales> crossed = crossed(date);
        if (crossed.isPresent()) {
            return crossed.get();
        }
        lock(date.getYear());
        // Read after the lock: this statement sees every placement and cancellation that held it before (a
        // crossing committed since the key was read included: the sum shows it).
        return read(date);
    }

    /**
     * Notes what a placed order adds to its year's sales, in the placement's transaction, on the sale date its
     * VAT was assessed on ({@link #exact}); when the order takes the year over the threshold, notes that too.
     */
    void record(OrderNumber order, LocalDate date, Money addition) {
        if (!addition.isPositive()) {
            return;
        }
        if (!addition.currency().equals(Money.EUR)) {
            throw new IllegalArgumentException("distance sales are counted in EUR: " + addition);
        }
        int year = date.getYear();
        if (opted) {
            jdbc.sql("INSERT INTO orders.distance_sale (order_number, year, amount) VALUES (:order, :year, :amount)")
                    .param("order", order.value()).param("year", year).param("amount", addition.amount()).update();
            return;
        }
        // One statement: the sale, and the year's crossing when this sale takes the year's total (the rows of the
        // orders not cancelled, which this statement's snapshot does not show it among) over the threshold. Under
        // the lock #exact took, unless the year was already taxed at destination by the previous year's crossing.
        jdbc.sql("""
                        WITH sale AS (INSERT INTO orders.distance_sale (order_number, year, amount)
                                      VALUES (:order, :year, :amount))
                        INSERT INTO orders.distance_sales_year (year, total, crossed_at, crossed_by)
                        SELECT :year, counted.total, :at, :order
                        FROM (SELECT COALESCE(SUM(earlier.amount), 0) + :amount + :opening AS total
                              FROM orders.distance_sale earlier
                                       JOIN orders.customer_order placed ON placed.number = earlier.order_number
                              WHERE earlier.year = :year AND placed.status <> 'CANCELLED') counted
                        WHERE NOT EXISTS (SELECT 1 FROM orders.distance_sales_year WHERE year = :year)
                          AND counted.total > :threshold
                        ON CONFLICT (year) DO NOTHING
                        """)
                .param("order", order.value()).param("year", year).param("amount", addition.amount())
                .param("opening", opening(year)).param("threshold", engine.distanceSalesThreshold(date).amount())
                .param("at", java.sql.Timestamp.from(Instant.now(clock))).update();
    }

    /**
     * Notes, in the cancellation's transaction (the order already cancelled in it), that a cancelled order no
     * longer counts: a year it had taken over the threshold that is back to it or under it is no longer over.
     */
    void cancelled(OrderNumber order) {
        Optional<Integer> year = jdbc.sql("SELECT year FROM orders.distance_sale WHERE order_number = :order")
                .param("order", order.value()).query(Integer.class).optional();
        if (year.isEmpty()) {
            return;
        }
        // The lock first: a placement about to take the year over, counting this order, has committed by then.
        lock(year.get());
        Money threshold = engine.distanceSalesThreshold(LocalDate.of(year.get(), 12, 31));
        if (crossedYear(year.get()) && !total(year.get()).isGreaterThan(threshold)) {
            jdbc.sql("DELETE FROM orders.distance_sales_year WHERE year = :year").param("year", year.get()).update();
            estimates.remove(year.get());
            estimates.remove(year.get() + 1);
        }
    }

    private void lock(int year) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('boucle.orders.distance-sales'), :year)")
                .param("year", year).query().singleRow();
    }

    private boolean crossedYear(int year) {
        return jdbc.sql("SELECT count(*) FROM orders.distance_sales_year WHERE year = :year").param("year", year)
                .query(Long.class).single() > 0;
    }

    /** The sales of a year over the threshold, or of the year after one: taxed at destination. */
    private Optional<DistanceSales> crossed(LocalDate date) {
        int year = date.getYear();
        Map<Integer, BigDecimal> totals = new java.util.HashMap<>();
        jdbc.sql("SELECT year, total FROM orders.distance_sales_year WHERE year IN (:year, :previous)")
                .param("year", year).param("previous", year - 1)
                .query((row, n) -> totals.put(row.getInt("year"), row.getBigDecimal("total"))).list();
        if (totals.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(DistanceSales.of(Money.of(totals.getOrDefault(year, BigDecimal.ZERO), Money.EUR),
                Money.of(totals.getOrDefault(year - 1, BigDecimal.ZERO), Money.EUR)));
    }

    private Money total(int year) {
        BigDecimal total = jdbc.sql("""
                        SELECT COALESCE(SUM(sale.amount), 0)
                        FROM orders.distance_sale sale JOIN orders.customer_order placed ON placed.number = sale.order_number
                        WHERE sale.year = :year AND placed.status <> 'CANCELLED'
                        """)
                .param("year", year).query(BigDecimal.class).single();
        return Money.of(total.add(opening(year)), Money.EUR);
    }

    /**
     * The year's distance sales no order here records ({@code boucle.tax.distance-sales-opening.<year>}, EUR
     * excl. VAT, e.g. made before the shop's orders kept their VAT assessment); zero when not set.
     */
    private BigDecimal opening(int year) {
        String amount = environment.getProperty("boucle.tax.distance-sales-opening." + year);
        if (amount == null || amount.isBlank()) {
            return BigDecimal.ZERO;
        }
        BigDecimal opening = new BigDecimal(amount.strip());
        if (opening.signum() < 0) {
            throw new IllegalStateException("boucle.tax.distance-sales-opening." + year + " cannot be negative: " + amount);
        }
        return opening;
    }

    /** The year's and the previous year's sales, from the orders not cancelled. */
    private DistanceSales read(LocalDate date) {
        int year = date.getYear();
        Map<Integer, BigDecimal> totals = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT sale.year, SUM(sale.amount) AS total
                        FROM orders.distance_sale sale JOIN orders.customer_order placed ON placed.number = sale.order_number
                        WHERE sale.year IN (:year, :previous) AND placed.status <> 'CANCELLED'
                        GROUP BY sale.year
                        """)
                .param("year", year).param("previous", year - 1)
                .query((row, n) -> totals.put(row.getInt("year"), row.getBigDecimal("total"))).list();
        return DistanceSales.of(Money.of(totals.getOrDefault(year, BigDecimal.ZERO).add(opening(year)), Money.EUR),
                Money.of(totals.getOrDefault(year - 1, BigDecimal.ZERO).add(opening(year - 1)), Money.EUR));
    }
}
