package io.boucle.inventory;

import java.time.Instant;

/**
 * One line of the stock ledger: how much came in or went out, where, why, and what was on hand after.
 *
 * @param onHand         what could be sold online after it
 * @param location       the location's code; null for a sale not yet taken from a location
 * @param locationOnHand what the location had after it; null with no location
 */
public record Movement(String sku, int delta, int onHand, String reason, String reference, String note, Instant at,
                       String location, Integer locationOnHand) {
}
