package io.boucle.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the catalog read last, kept in memory for the shop's pages: product details, lists of
 * cards, reviews, questions, the category tree. Never stock levels: they are the inventory's and
 * stay live.
 * <p>
 * Every write of the catalog on this node empties it when its transaction ends (commit or
 * rollback), so this node shows a change as soon as it is committed. Other nodes sharing the
 * database do not hear of it: each node starts afresh at least every {@code ttl}, so what another
 * node changed shows here within {@code ttl} at most (and so do rows written to the catalog's
 * tables without going through {@link Catalog}).
 * <p>
 * Entries live in a generation: a read keeps what it loaded in the generation that was current
 * when it started, so a read that began before a write's commit can never leave the old state
 * behind in the generation that follows the write. A generation holds at most
 * {@code maxEntries}; past that, reads go to the database until the next one (addresses of
 * products that do not exist cannot fill the memory).
 */
final class CatalogCache {

    private record Generation(long startedAt, Map<Object, Object> entries) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private volatile Generation current;

    CatalogCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    CatalogCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.current = new Generation(nanoTime.getAsLong(), new ConcurrentHashMap<>());
    }

    /**
     * The value kept under this key, or the loader's (kept if not null). Inside a transaction that
     * wrote to the catalog, always the loader's, and nothing is kept: it sees what is not committed
     * yet. Other transactions read what is committed, as the cache does (a checkout prices its cart
     * from here).
     */
    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> loader) {
        if (ttlNanos <= 0 || TransactionSynchronizationManager.hasResource(this)) {
            return loader.get();
        }
        Generation generation = generation();
        Object kept = generation.entries().get(key);
        if (kept != null) {
            return (T) kept;
        }
        T loaded = loader.get();
        // Misses are not kept: addresses that do not exist must not fill the cache.
        if (loaded != null && !(loaded instanceof java.util.Optional<?> optional && optional.isEmpty())) {
            if (generation.entries().size() >= maxEntries) {
                generation.entries().clear(); // full: start afresh rather than stop caching
            }
            generation.entries().putIfAbsent(key, loaded);
        }
        return loaded;
    }

    /**
     * Forgets everything once the current transaction ends, or now outside of one. Call it before
     * the transaction writes: from then on its reads bypass the cache.
     */
    void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            if (TransactionSynchronizationManager.hasResource(this)) {
                return;
            }
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CatalogCache.this);
                    clear();
                }
            });
        } else {
            clear();
        }
    }

    void clear() {
        current = new Generation(nanoTime.getAsLong(), new ConcurrentHashMap<>());
    }

    int size() {
        return current.entries().size();
    }

    private Generation generation() {
        Generation generation = current;
        if (nanoTime.getAsLong() - generation.startedAt() >= ttlNanos) {
            clear();
            generation = current;
        }
        return generation;
    }
}
