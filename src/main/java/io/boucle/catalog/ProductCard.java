package io.boucle.catalog;

import java.time.Instant;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * A product as lists show it: the lowest price of its variants, its grade when second-hand, and
 * its rating. Stock is not the catalog's: callers add availability from the inventory.
 */
public record ProductCard(String slug, LocalizedText title, Money price, String categorySlug, String brand,
        Condition condition, Rating rating, Instant publishedAt, java.util.List<String> skus) {

    public boolean secondHand() {
        return condition != null;
    }
}
