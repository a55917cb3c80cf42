package io.boucle.catalog;

import java.util.List;

import io.boucle.shared.Money;

/** A line of the back office's product list. */
public record StaffProductRow(String slug, String title, boolean published, Condition condition, String categorySlug,
        Money price, List<String> skus) {
}
