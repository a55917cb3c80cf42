package io.boucle.buyback;

import io.boucle.catalog.Condition;
import io.boucle.shared.Money;

/** One cell of the quote grid: what the shop pays for an item of this category, condition and age. */
public record GridRow(String categorySlug, Condition condition, AgeBand ageBand, Money amount) {
}
