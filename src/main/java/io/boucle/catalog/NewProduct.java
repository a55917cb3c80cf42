package io.boucle.catalog;

import java.util.List;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * A product to add to the catalog. A second-hand item has exactly one variant: it is unique.
 *
 * @param slug the address of the product page; derived from the French title when null
 */
public record NewProduct(String slug, String categorySlug, String brandSlug, String taxCategory, LocalizedText title,
        LocalizedText description, List<NewVariant> variants, List<ProductDetails.Attribute> attributes,
        SecondHand secondHand, boolean featured, boolean publish) {

    public record NewVariant(String sku, LocalizedText title, Money price, Integer weightGrams, String barcode) {
    }

    /** What makes an item second-hand; the purchase price and seller stay private to the merchant. */
    public record SecondHand(Condition condition, LocalizedText defects, Money purchasePrice, SellerType seller,
            String copyOfSlug) {
    }
}
