package io.boucle.inventory;

/** The stock of one SKU; {@code available} is what can still be sold. */
public record StockLevel(String sku, int onHand, int reserved) {

    public int available() {
        return onHand - reserved;
    }
}
