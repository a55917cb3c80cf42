package io.boucle.inventory;

/** What a stock location is: a warehouse that ships parcels, or a shop with its own shelves. */
public enum LocationKind {
    WAREHOUSE, STORE
}
