package io.boucle.catalog;

import java.time.Instant;

/**
 * A published review as the product page shows it.
 *
 * @param verifiedPurchase whether the author bought the product in the shop (the review was sent from their account)
 * @param purchasedAt      when they paid for it, for a verified purchase; else null
 */
public record Review(String author, int rating, String title, String body, String locale, Instant createdAt,
                     boolean verifiedPurchase, Instant purchasedAt) {
}
