package io.boucle.inventory;

/** A SKU's stock as the back office lists it. */
public record StockRow(String sku, int onHand, int reserved, int lowStockThreshold) {

    public int available() {
        return onHand - reserved;
    }

    public boolean low() {
        return available() <= lowStockThreshold;
    }
}
