package io.boucle.catalog;

import java.math.BigDecimal;

/**
 * Which published products to list. A category includes its sub-categories. Prices are the
 * lowest variant price, incl. VAT.
 */
public record ProductQuery(String categorySlug, Kind kind, String brandSlug, BigDecimal minPrice, BigDecimal maxPrice,
        Sort sort, int page, int size) {

    public enum Kind { NEW, SECOND_HAND }

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
    }

    public static ProductQuery all(int page, int size) {
        return new ProductQuery(null, null, null, null, null, Sort.NEWEST, page, size);
    }
}
