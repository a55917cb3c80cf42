package io.boucle.inventory;

/** Which SKUs a stock list shows. */
public enum StockFilter {
    ALL,
    /** What can still be sold is at or under the SKU's low-stock threshold (sold out included). */
    LOW,
    /** Nothing can be sold any more. */
    SOLD_OUT
}
