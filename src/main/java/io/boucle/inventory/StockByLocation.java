package io.boucle.inventory;

import java.util.List;
import java.util.Optional;

/**
 * A SKU's stock at each location, every location listed (zero where it has none). Units sold online
 * and not yet taken from a location are shown as taken already, from the online locations in their
 * order, so the online locations add up to what is on hand for online sales.
 *
 * @param awaitingAllocation units sold online that the ledger has not yet taken from a location
 */
public record StockByLocation(String sku, List<LocationLevel> levels, int awaitingAllocation) {

    /** What the locations sellable online have: the SKU's on hand for online sales. */
    public int online() {
        return levels.stream().filter(level -> level.location().sellableOnline()).mapToInt(LocationLevel::onHand).sum();
    }

    /** What every location has, online or not. */
    public int everywhere() {
        return levels.stream().mapToInt(LocationLevel::onHand).sum();
    }

    /** What the location {@code code} has; zero for an unknown one. */
    public int at(String code) {
        return level(code).map(LocationLevel::onHand).orElse(0);
    }

    public Optional<LocationLevel> level(String code) {
        return levels.stream().filter(level -> level.location().code().equals(code)).findFirst();
    }
}
