package io.boucle.inventory;

/** What one location has of a SKU. */
public record LocationLevel(Location location, int onHand) {
}
