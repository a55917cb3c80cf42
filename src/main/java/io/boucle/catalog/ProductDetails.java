package io.boucle.catalog;

import java.time.Instant;
import java.util.List;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/** Everything a product page shows. The acquisition of a second-hand item is never part of it. */
public record ProductDetails(String slug, boolean published, LocalizedText title, LocalizedText description,
        String taxCategory, Category category, List<Category> breadcrumb, String brand, List<Variant> variants,
        List<Attribute> attributes, Condition condition, LocalizedText defects, String copyOfSlug,
        String metaTitle, String metaDescription, Rating rating, Instant publishedAt) {

    public record Variant(String sku, LocalizedText title, Money price, Integer weightGrams, String barcode) {
    }

    public record Attribute(LocalizedText name, LocalizedText value) {
    }

    public boolean secondHand() {
        return condition != null;
    }

    public Money lowestPrice() {
        return variants.stream().map(Variant::price).min(Money::compareTo).orElseThrow();
    }
}
