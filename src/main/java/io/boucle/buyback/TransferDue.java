package io.boucle.buyback;

import java.time.Instant;

import io.boucle.shared.Money;

/** A bank transfer owed to a seller: to whom (as in the register), where, how much, since when. */
public record TransferDue(OfferReference reference, String beneficiary, String iban, Money amount, Instant dueSince) {
}
