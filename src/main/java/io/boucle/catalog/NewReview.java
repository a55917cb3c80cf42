package io.boucle.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A review sent by a shopper, checked by the caller (length, purchase); it waits for staff.
 *
 * @param reviewer       who sent it (a customer's id): one review per reviewer and product
 * @param author         the name shown with it
 * @param orderReference the order that proves the purchase
 * @param purchasedAt    when that order was paid
 */
public record NewReview(UUID reviewer, String author, int rating, String title, String body, String locale,
                        String orderReference, Instant purchasedAt) {
}
