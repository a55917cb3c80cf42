package io.boucle.catalog;

import java.time.Instant;

/** A product was taken out of the shop (back to draft): it can no longer be found or bought. */
public record ProductWithdrawn(String slug, Instant withdrawnAt) {
}
