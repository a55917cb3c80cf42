package io.boucle.buyback;

import io.boucle.catalog.Condition;

/**
 * What a customer tells of the item they offer.
 *
 * @param purchaseYear the year they bought it, for its age
 */
public record NewOffer(String categorySlug, String brand, String description, Condition condition, Integer purchaseYear,
                       HandOver handOver) {
}
