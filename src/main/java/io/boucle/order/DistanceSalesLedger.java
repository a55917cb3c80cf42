package io.boucle.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.boucle.shared.Money;
import io.boucle.tax.DistanceSales;
import io.boucle.tax.DistanceSalesSource;
import io.boucle.tax.VatEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The seller's EU distance sales to consumers, per calendar year (Europe/Paris), for the OSS threshold
 * (DOMAIN-RULES §3). Each order that adds to them gets one row, written in its placement's transaction
 * ({@code orders.distance_sale}); a cancelled order no longer counts (the sum skips it), an order awaiting
 * its payment does (taxing at destination a little early is lawful). No counter row is updated, so
 * placements do not queue on one row.
 * <p>
 * Below the threshold, a placement that adds to the sales takes a transaction-scoped advisory lock on the
 * year and sums the year's rows (few, by definition, while under EUR 10,000): two placements cannot both
 * count on staying under it. Once a year's sales exceed the threshold, that year and the next are taxed at
 * destination whatever happens, and this node remembers it: no lock and no read any more. Carts read an
 * estimate kept for {@code boucle.tax.distance-sales-estimate-for} (one minute). Domestic orders and
 * exports never reach this class.
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
    /** Years at destination for good, with the sales that put them there. */
    private final Map<Integer, DistanceSales> crossed = new ConcurrentHashMap<>();
    private final Map<Integer, Cached> estimates = new ConcurrentHashMap<>();

    DistanceSalesLedger(JdbcClient jdbc, VatEngine engine, Clock clock,
            @Value("${boucle.tax.opted-for-destination-taxation:false}") boolean opted,
            @Value("${boucle.tax.distance-sales-estimate-for:PT1M}") Duration estimateFor) {
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
        DistanceSales known = crossed.get(date.getYear());
        if (known != null) {
            return known;
        }
        Instant now = Instant.now(clock);
        Cached cached = estimates.get(date.getYear());
        if (cached != null && now.isBefore(cached.until())) {
            return cached.sales();
        }
        DistanceSales sales = read(date);
        estimates.put(date.getYear(), new Cached(sales, now.plus(estimateFor)));
        return sales;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public DistanceSales exact(LocalDate date) {
        if (opted) {
            return new DistanceSales(Money.zero(Money.EUR), Money.zero(Money.EUR), true);
        }
        DistanceSales known = crossed.get(date.getYear());
        if (known != null) {
            return known;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('boucle.orders.distance-sales'), :year)")
                .param("year", date.getYear()).query().singleRow();
        // Read after the lock: this statement sees every placement that held it before.
        return read(date);
    }

    /** Notes what a placed order adds to its year's sales, in the placement's transaction. */
    void record(OrderNumber order, LocalDate date, Money addition) {
        if (!addition.isPositive()) {
            return;
        }
        if (!addition.currency().equals(Money.EUR)) {
            throw new IllegalArgumentException("distance sales are counted in EUR: " + addition);
        }
        jdbc.sql("INSERT INTO orders.distance_sale (order_number, year, amount) VALUES (:order, :year, :amount)")
                .param("order", order.value()).param("year", date.getYear()).param("amount", addition.amount()).update();
    }

    /** The year's and the previous year's sales, from the orders not cancelled; remembers a year past the threshold. */
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
        Money current = Money.of(totals.getOrDefault(year, BigDecimal.ZERO), Money.EUR);
        Money previous = Money.of(totals.getOrDefault(year - 1, BigDecimal.ZERO), Money.EUR);
        DistanceSales sales = DistanceSales.of(current, previous);
        Money threshold = engine.distanceSalesThreshold(date);
        if (previous.isGreaterThan(threshold) || current.isGreaterThan(threshold)) {
            crossed.put(year, sales);
        }
        if (current.isGreaterThan(threshold)) {
            crossed.putIfAbsent(year + 1, DistanceSales.of(Money.zero(Money.EUR), current));
        }
        return sales;
    }
}
