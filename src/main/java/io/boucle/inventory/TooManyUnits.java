package io.boucle.inventory;

import io.boucle.shared.InvalidField;

/** A change would give a SKU more units across all locations than it may have (a unique item has one). */
public class TooManyUnits extends InvalidField {

    public TooManyUnits(String field, String sku, int atMost) {
        super(field, "'" + sku + "' is a unique item: at most " + atMost + (atMost == 1 ? " unit" : " units")
                + " across all locations");
    }
}
