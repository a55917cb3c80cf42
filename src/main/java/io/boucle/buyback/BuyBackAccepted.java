package io.boucle.buyback;

import java.time.Instant;

import io.boucle.customer.CustomerId;
import io.boucle.shared.Money;

/** A customer accepted the final offer: the shop bought the item, entered in the register under {@code registerNumber}. */
public record BuyBackAccepted(OfferReference reference, CustomerId customerId, Money price, PayoutMethod payout,
                              long registerNumber, Instant acceptedAt) {
}
