package io.boucle.catalog;

import java.util.List;

import io.boucle.shared.LocalizedText;
import io.boucle.shared.Money;

/**
 * A product to add to the catalog, or what a product becomes when changed. A second-hand item has
 * exactly one variant: it is unique.
 *
 * @param slug the address of the product page; derived from the French title when null
 * @param metaTitle the title search engines show, when it differs from the product's; may be null
 * @param metaDescription the description search engines show; may be null
 */
public record NewProduct(String slug, String categorySlug, String brandSlug, String taxCategory, LocalizedText title,
        LocalizedText description, List<NewVariant> variants, List<ProductDetails.Attribute> attributes,
        SecondHand secondHand, boolean featured, boolean publish, String metaTitle, String metaDescription) {

    public NewProduct(String slug, String categorySlug, String brandSlug, String taxCategory, LocalizedText title,
            LocalizedText description, List<NewVariant> variants, List<ProductDetails.Attribute> attributes,
            SecondHand secondHand, boolean featured, boolean publish) {
        this(slug, categorySlug, brandSlug, taxCategory, title, description, variants, attributes, secondHand, featured,
                publish, null, null);
    }

    public NewProduct {
        attributes = attributes == null ? List.of() : attributes;
    }

    /** @param title the option values that tell this variant from the others ("Taille M"), may be null */
    public record NewVariant(String sku, LocalizedText title, Money price, Integer weightGrams, String barcode) {
    }

    /** What makes an item second-hand; the purchase price and seller stay private to the merchant. */
    public record SecondHand(Condition condition, LocalizedText defects, Money purchasePrice, SellerType seller,
            String copyOfSlug) {
    }
}
