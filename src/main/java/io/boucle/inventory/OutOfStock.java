package io.boucle.inventory;

/** Not enough stock of a SKU to hold what was asked: nothing was reserved. */
public class OutOfStock extends RuntimeException {

    private final String sku;
    private final int available;

    public OutOfStock(String sku, int available) {
        super(available <= 0 ? "'" + sku + "' is sold out" : "only " + available + " of '" + sku + "' left");
        this.sku = sku;
        this.available = Math.max(available, 0);
    }

    public String sku() {
        return sku;
    }

    /** What was left when the reservation failed (0 when sold out, or unknown on the fast path). */
    public int available() {
        return available;
    }
}
