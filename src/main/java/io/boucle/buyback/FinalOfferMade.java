package io.boucle.buyback;

import java.time.Instant;

import io.boucle.customer.CustomerId;
import io.boucle.shared.Money;

/** Staff inspected an item and made the final offer, which waits for the customer's answer. */
public record FinalOfferMade(OfferReference reference, CustomerId customerId, Money price, Instant offeredAt) {
}
