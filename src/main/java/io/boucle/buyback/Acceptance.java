package io.boucle.buyback;

/**
 * The customer's acceptance of a final offer: how they want to be paid (the IBAN for a transfer) and
 * their identity for the dealers' register.
 */
public record Acceptance(PayoutMethod payout, String iban, SellerIdentity seller) {
}
