package io.boucle.catalog;

import java.time.Instant;
import java.util.UUID;

import io.boucle.shared.LocalizedText;

/**
 * A review as staff moderate it.
 *
 * @param reviewer        the customer who sent it, null for an imported review
 * @param orderReference  the order that proves the purchase, null for an imported review
 * @param rejectionReason why staff did not publish it (a code the caller defines), else null
 */
public record StaffReview(ReviewId id, String productSlug, LocalizedText productTitle, String author, int rating,
                          String title, String body, String locale, ReviewStatus status, UUID reviewer,
                          String orderReference, Instant purchasedAt, Instant createdAt, Instant moderatedAt,
                          String moderatedBy, String rejectionReason) {

    public boolean verifiedPurchase() {
        return orderReference != null;
    }
}
