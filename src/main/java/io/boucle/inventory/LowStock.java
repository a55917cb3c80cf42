package io.boucle.inventory;

import java.time.Instant;

/** What can still be sold of a SKU fell to its low-stock threshold or below: time to reorder. */
public record LowStock(String sku, int available, int threshold, Instant at) {
}
