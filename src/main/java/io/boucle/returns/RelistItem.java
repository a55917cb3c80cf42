package io.boucle.returns;

import java.time.Instant;
import java.util.UUID;

import io.boucle.catalog.Condition;

/** A returned item accepted but no longer new: to sell again as a second-hand item. */
public record RelistItem(UUID id, UUID returnId, String returnNumber, String sku, String title, int quantity,
                         Condition condition, Instant createdAt) {
}
