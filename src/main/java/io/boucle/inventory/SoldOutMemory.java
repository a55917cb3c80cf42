package io.boucle.inventory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The SKUs found sold out a moment ago on this node. In a flash sale thousands of buyers ask for a
 * SKU after its last unit went: they are told at once, without queueing on its stock row. A
 * release or a count on this node forgets the SKU at once; a change made on another node is seen
 * here after {@code memory} at most.
 */
final class SoldOutMemory {

    private final long memoryNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> soldOutSince = new ConcurrentHashMap<>();

    SoldOutMemory(Duration memory, LongSupplier nanoTime) {
        this.memoryNanos = memory.toNanos();
        this.nanoTime = nanoTime;
    }

    void soldOut(String sku) {
        if (memoryNanos > 0) {
            soldOutSince.put(sku, nanoTime.getAsLong());
        }
    }

    boolean isSoldOut(String sku) {
        Long since = soldOutSince.get(sku);
        if (since == null) {
            return false;
        }
        if (nanoTime.getAsLong() - since < memoryNanos) {
            return true;
        }
        soldOutSince.remove(sku, since);
        return false;
    }

    void restocked(String sku) {
        soldOutSince.remove(sku);
    }
}
