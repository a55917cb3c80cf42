package io.boucle.catalog;

import java.math.BigDecimal;

/**
 * Which published products to list. A category includes its sub-categories. Prices are the
 * lowest variant price, incl. VAT.
 */
public record ProductQuery(String categorySlug, Kind kind, String brandSlug, BigDecimal minPrice, BigDecimal maxPrice,
        Sort sort, int page, int size) {

    public enum Kind {
        NEW, SECOND_HAND;

        /** How many units of one SKU may be in stock across all locations: a second-hand item is unique. */
        public int maxUnits() {
            return this == SECOND_HAND ? 1 : Integer.MAX_VALUE;
        }
    }

    public enum Sort { NEWEST, PRICE_ASC, PRICE_DESC, RATING }

    public static final int MAX_SIZE = 100;

    public ProductQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
        sort = sort == null ? Sort.NEWEST : sort;
        if (categorySlug != null && !Catalog.SLUG.matcher(categorySlug).matches()) {
            throw new IllegalArgumentException("category: not a category address");
        }
        if (brandSlug != null && !Catalog.SLUG.matcher(brandSlug).matches()) {
            throw new IllegalArgumentException("brand: not a brand address");
        }
        checkPrice("minPrice", minPrice);
        checkPrice("maxPrice", maxPrice);
    }

    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000_000);

    private static void checkPrice(String name, BigDecimal price) {
        if (price != null && (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0 || price.scale() > 2)) {
            throw new IllegalArgumentException(name + ": an amount between 0 and 1000000000 with at most 2 decimals");
        }
    }

    public static ProductQuery all(int page, int size) {
        return new ProductQuery(null, null, null, null, null, Sort.NEWEST, page, size);
    }
}
