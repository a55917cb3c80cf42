package io.boucle.tax;

import java.time.LocalDate;

/**
 * Where the seller's running EU distance sales come from (the engine keeps no state): the order module
 * counts them as orders are placed and cancelled. Carts read an estimate; the placement of an order that
 * adds to them reads the exact figure.
 */
public interface DistanceSalesSource {

    /**
     * The distance sales for a sale on {@code date}, possibly a little out of date: for showing prices,
     * never for charging.
     */
    DistanceSales estimate(LocalDate date);

    /**
     * The distance sales for a sale on {@code date}, exact: in the caller's transaction, which it
     * serialises with every other placement that reads them until it ends, so two sales cannot both
     * count on staying under the threshold. The caller records what its sale adds before committing.
     */
    DistanceSales exact(LocalDate date);
}
