package io.boucle.inventory;

/**
 * A place where stock is kept.
 *
 * @param code           its short name, lower case ({@code warehouse}, {@code bastille})
 * @param storeId        the click-and-collect store (fulfilment) whose shelves these are; null for none
 * @param sellableOnline its units count in what the online shop sells
 * @param position       where it comes in lists; sales are taken from the online locations in this order
 * @param isDefault      where counts and adjustments that name no location, and returned items, go
 */
public record Location(String code, String name, LocationKind kind, String storeId, boolean sellableOnline,
                       int position, boolean isDefault) {
}
