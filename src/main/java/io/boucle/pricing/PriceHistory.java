package io.boucle.pricing;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.boucle.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each SKU's selling prices over time, appended only when the price changes. What the shop pages
 * read is kept in memory for a few seconds ({@code boucle.pricing.cache-ttl}); a price recorded on
 * this node is seen at once, one recorded on another node within that time.
 */
@Repository
class PriceHistory {

    /** The most points read per SKU: far more than 30 days of price changes. */
    static final int MAX_POINTS = 200;
    static final int MAX_KEPT_SKUS = 20_000;

    private record Kept(long readAt, List<ReferencePrice.PricePoint> points) {
    }

    private final JdbcClient jdbc;
    private final long ttlNanos;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    PriceHistory(JdbcClient jdbc, @Value("${boucle.pricing.cache-ttl:PT5S}") Duration ttl) {
        this.jdbc = jdbc;
        this.ttlNanos = ttl.toNanos();
    }

    /** Records the price from {@code at} on, unless it is already the price in force then; call in a transaction. */
    boolean record(String sku, Money price, Instant at) {
        // Concurrent records of one SKU take turns, so two equal prices are never both appended.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('pricing.price_history:' || :sku))").param("sku", sku).query().singleRow();
        Optional<Money> inForce = jdbc.sql("""
                SELECT price, currency FROM pricing.price_history
                WHERE sku = :sku AND effective_from <= :at ORDER BY effective_from DESC LIMIT 1
                """)
                .param("sku", sku).param("at", Timestamp.from(at))
                .query((row, n) -> Money.of(row.getBigDecimal("price"), Currency.getInstance(row.getString("currency"))))
                .optional();
        if (inForce.isPresent() && inForce.get().equals(price)) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO pricing.price_history (sku, effective_from, price, currency) VALUES (:sku, :at, :price, :currency)
                ON CONFLICT (sku, effective_from) DO UPDATE SET price = EXCLUDED.price, currency = EXCLUDED.currency
                """)
                .param("sku", sku).param("at", Timestamp.from(at)).param("price", price.amount())
                .param("currency", price.currency().getCurrencyCode())
                .update();
        forgetAfterTransaction(sku);
        return true;
    }

    /** The recorded prices of each SKU asked for, oldest first (the latest {@link #MAX_POINTS}). */
    Map<String, List<ReferencePrice.PricePoint>> points(Collection<String> skus) {
        Map<String, List<ReferencePrice.PricePoint>> found = new HashMap<>();
        List<String> missing = new java.util.ArrayList<>();
        long now = System.nanoTime();
        for (String sku : skus) {
            Kept k = kept.get(sku);
            if (k != null && now - k.readAt() < ttlNanos) {
                found.put(sku, k.points());
            } else {
                missing.add(sku);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, List<ReferencePrice.PricePoint>> read = new HashMap<>();
            missing.forEach(sku -> read.put(sku, new java.util.ArrayList<>()));
            jdbc.sql("""
                    SELECT sku, effective_from, price, currency FROM (
                        SELECT h.*, row_number() OVER (PARTITION BY sku ORDER BY effective_from DESC) AS latest
                        FROM pricing.price_history h WHERE sku IN (:skus)) recent
                    WHERE latest <= :max ORDER BY sku, effective_from
                    """)
                    .param("skus", missing).param("max", MAX_POINTS)
                    .query((row, n) -> read.get(row.getString("sku")).add(new ReferencePrice.PricePoint(
                            row.getTimestamp("effective_from").toInstant(),
                            Money.of(row.getBigDecimal("price"), Currency.getInstance(row.getString("currency"))))))
                    .list();
            boolean keep = ttlNanos > 0 && !TransactionSynchronizationManager.isActualTransactionActive();
            if (keep && kept.size() + read.size() > MAX_KEPT_SKUS) {
                kept.clear();
            }
            read.forEach((sku, points) -> {
                List<ReferencePrice.PricePoint> frozen = List.copyOf(points);
                found.put(sku, frozen);
                if (keep) {
                    kept.put(sku, new Kept(now, frozen));
                }
            });
        }
        return found;
    }

    private void forgetAfterTransaction(String sku) {
        kept.remove(sku);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    kept.remove(sku);
                }
            });
        }
    }
}
