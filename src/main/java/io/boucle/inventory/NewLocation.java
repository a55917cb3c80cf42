package io.boucle.inventory;

/**
 * A location to open, as the staff typed it.
 *
 * @param storeId  a click-and-collect store's id, for a {@link LocationKind#STORE} only; may be null
 * @param position null puts it after the others
 */
public record NewLocation(String code, String name, LocationKind kind, String storeId, boolean sellableOnline,
                          Integer position) {
}
