package io.boucle.shared;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/** What the catalog, searches, pages and stock locations keep in memory. */
class KeptValuesTests {

    final AtomicLong now = new AtomicLong();
    final KeptValues<String, Object> cache = new KeptValues<>(Duration.ofSeconds(10), 3, now::get);
    final AtomicInteger loads = new AtomicInteger();

    @AfterEach
    void endTransaction() {
        TransactionSynchronizationManager.unbindResourceIfPossible(cache);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        TransactionSynchronizationManager.setActualTransactionActive(false);
        TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
    }

    private String load() {
        return "value " + loads.incrementAndGet();
    }

    @Test
    void keepsWhatWasLoadedUntilTheTimeToLiveHasPassed() {
        assertThat(cache.get("k", this::load)).isEqualTo("value 1");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(cache.get("k", this::load)).isEqualTo("value 1");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get("k", this::load)).as("another node's change shows within the time to live").isEqualTo("value 2");
    }

    @Test
    void aChangeOutsideATransactionIsForgottenAtOnce() {
        cache.get("k", this::load);
        cache.changed();
        assertThat(cache.get("k", this::load)).isEqualTo("value 2");
    }

    @Test
    void aChangeInATransactionIsForgottenWhenItEndsNotBefore() throws Exception {
        cache.get("k", this::load);
        TransactionSynchronizationManager.initSynchronization();
        cache.changed();
        assertThat(otherThread(() -> cache.get("k", this::load))).as("not committed yet, for others").isEqualTo("value 1");
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
        }
        TransactionSynchronizationManager.clearSynchronization();
        assertThat(cache.get("k", this::load)).isEqualTo("value 2");
    }

    private static <T> T otherThread(java.util.concurrent.Callable<T> read) throws Exception {
        try (var executor = java.util.concurrent.Executors.newSingleThreadExecutor()) {
            return executor.submit(read).get();
        }
    }

    @Test
    void aReadThatStartedBeforeAChangeLeavesNothingBehindIt() {
        Object read = cache.get("k", () -> {
            cache.changed(); // a write commits while this read is on its way
            return load();
        });
        assertThat(read).isEqualTo("value 1");
        assertThat(cache.get("k", this::load)).isEqualTo("value 2");
    }

    @Test
    void missesAreNotKept() {
        cache.get("missing", java.util.Optional::empty);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aTransactionThatWroteReadsWhatItWroteAndKeepsNothingOfIt() throws Exception {
        cache.get("k", this::load);
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setActualTransactionActive(true);
        assertThat(cache.get("k", this::load)).as("a transaction that has not written reads what is committed")
                .isEqualTo("value 1");
        cache.changed();
        assertThat(cache.get("k", this::load)).as("once it wrote, it reads its own writes").isEqualTo("value 2");
        assertThat(cache.get("other", this::load)).isEqualTo("value 3");
        assertThat(otherThread(() -> cache.get("other", this::load))).as("what it read is not kept for others")
                .isEqualTo("value 4");
    }

    @Test
    void keepsAtMostItsSizeStartingAfreshWhenFullAndNothingWhenTheTimeToLiveIsZero() {
        for (int i = 0; i < 5; i++) {
            cache.get("k" + i, this::load);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get("k4", this::load)).as("kept after the full generation was emptied").isEqualTo("value 5");
        assertThat(cache.get("k0", this::load)).as("emptied with the full generation").isEqualTo("value 6");

        KeptValues<String, Object> off = new KeptValues<>(Duration.ZERO, 3, now::get);
        off.get("k", this::load);
        assertThat(off.get("k", this::load)).isEqualTo("value 8");
        assertThat(off.size()).isZero();
    }

    @Test
    void aValueFoundForAGenerationThatEndedIsKeptInItOnly() {
        KeptValues.Generation<String, Object> before = cache.generation();
        cache.clear();
        before.keep("k", "older");
        assertThat(cache.find(cache.generation(), "k")).isNull();
        assertThat(cache.get("k", this::load)).isEqualTo("value 1");
    }
}
