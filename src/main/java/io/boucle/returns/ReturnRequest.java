package io.boucle.returns;

import java.util.List;

/**
 * What a customer returns: units of order lines, each known by its SKU (or its position, from 1, when
 * the order has a SKU on two lines). No lines: every line that may be returned, in full.
 */
public record ReturnRequest(List<Item> items, String reason) {

    public ReturnRequest {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** @param position the order line's position from 1, or null to find the line by SKU */
    public record Item(String sku, Integer position, int quantity) {
    }

    public static ReturnRequest everything(String reason) {
        return new ReturnRequest(List.of(), reason);
    }
}
