package io.boucle.inventory;

import java.time.Instant;

/** One line of the stock ledger: how much came in or went out, why, and what was on hand after. */
public record Movement(String sku, int delta, int onHand, String reason, String reference, String note, Instant at) {
}
