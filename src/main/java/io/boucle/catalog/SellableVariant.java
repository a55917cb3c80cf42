package io.boucle.catalog;

import java.util.Optional;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;
import io.boucle.tax.TaxCategory;

/**
 * What the cart and checkout need of a SKU: its price (VAT included), its tax category and weight.
 *
 * @param marginSchemePurchasePrice present for a second-hand item bought under the margin scheme: its VAT is
 *                                  computed on the margin. Never shown to shoppers.
 * @param weightGrams               0 when not given
 */
public record SellableVariant(String sku, String productSlug, LocalizedText productTitle, LocalizedText variantTitle,
                              String categorySlug, Money price, TaxCategory taxCategory, int weightGrams,
                              boolean secondHand, Optional<Money> marginSchemePurchasePrice, boolean published) {

    /** "Product — variant", or the product's title alone when the variant has none. */
    public LocalizedText title() {
        if (variantTitle.fr().isBlank()) {
            return productTitle;
        }
        return LocalizedText.of(productTitle.fr() + " — " + variantTitle.fr(),
                productTitle.en() + " — " + (variantTitle.en().isBlank() ? variantTitle.fr() : variantTitle.en()));
    }
}
