package io.boucle.pricing;

import io.boucle.shared.Money;

/**
 * One cart line as promotions see it.
 *
 * @param categorySlug the product's category, may be null
 * @param unitPrice    VAT included, as the catalog sells it
 */
public record PricingLine(String lineId, String sku, String productSlug, String categorySlug, Money unitPrice,
                          int quantity) {

    public Money total() {
        return unitPrice.times(quantity);
    }
}
