package io.boucle.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read from the database and kept in memory for a short while, for reads that many visitors
 * repeat (catalog details and lists, pages, searches, stock locations).
 * <p>
 * Entries live in a generation that ends after {@code ttl}, or when the data they come from
 * {@link #changed() changes}. A value computed while a generation was current is kept in that
 * generation only: a read that began before a change never leaves its possibly older result in the
 * next generation. A generation holds at most {@code maxEntries}; when full, it is emptied (keys
 * that visitors make up cannot fill the memory). Misses (null, an empty {@link Optional}) are not
 * kept. A ttl of zero keeps nothing.
 * <p>
 * A change made in a transaction is forgotten when the transaction ends (commit or rollback); from
 * the change on, that transaction's own reads bypass what is kept, as they may see rows not
 * committed yet. Other nodes sharing the database do not hear of a change: each starts a new
 * generation at least every {@code ttl}.
 */
public final class KeptValues<K, V> {

    /** Where a value read with {@link #find} is to be kept, once computed. */
    public static final class Generation<K, V> {

        private final long startedAt;
        private final Map<K, V> entries = new ConcurrentHashMap<>();
        private final int maxEntries;

        private Generation(long startedAt, int maxEntries) {
            this.startedAt = startedAt;
            this.maxEntries = maxEntries;
        }

        /** Keeps a value computed for this key; a miss is not kept. */
        public void keep(K key, V value) {
            if (value == null || value instanceof Optional<?> optional && optional.isEmpty()) {
                return;
            }
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.putIfAbsent(key, value);
        }
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private volatile Generation<K, V> current;

    public KeptValues(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, System::nanoTime);
    }

    /** For tests: with a clock of their own, in nanoseconds. */
    public KeptValues(Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.current = new Generation<>(nanoTime.getAsLong(), maxEntries);
    }

    /** Whether values are kept for this read: a ttl above zero, outside a transaction that changed them. */
    public boolean enabled() {
        return ttlNanos > 0 && !TransactionSynchronizationManager.hasResource(this);
    }

    /** The generation values are kept in now. */
    public Generation<K, V> generation() {
        Generation<K, V> generation = current;
        if (nanoTime.getAsLong() - generation.startedAt >= ttlNanos) {
            clear();
            generation = current;
        }
        return generation;
    }

    /** The value kept under this key in this generation, or null. */
    public V find(Generation<K, V> generation, K key) {
        return enabled() ? generation.entries.get(key) : null;
    }

    /** The value kept under this key, or the loader's, kept unless it is a miss. */
    public V get(K key, Supplier<V> loader) {
        if (!enabled()) {
            return loader.get();
        }
        Generation<K, V> generation = generation();
        V kept = generation.entries.get(key);
        if (kept == null) {
            kept = loader.get();
            generation.keep(key, kept);
        }
        return kept;
    }

    /**
     * The data behind these values changes: forgets them when the current transaction ends (and its
     * reads bypass them from now on), or at once outside of one. Call it before the transaction writes.
     */
    public void changed() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            clear();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(KeptValues.this);
                clear();
            }
        });
    }

    /** Forgets everything now; reads under way keep their results in the generation that ended. */
    public void clear() {
        current = new Generation<>(nanoTime.getAsLong(), maxEntries);
    }

    /** How many values the current generation holds. */
    public int size() {
        return current.entries.size();
    }
}
