package io.boucle.buyback;

/** Where a buy-back offer stands, in the order it moves. */
public enum OfferStatus {
    /** Quoted; the customer is to ship the item or bring it to the shop. */
    AWAITING_ITEM,
    /** The shop has the item; it is to be inspected. */
    RECEIVED,
    /** Inspected and graded; the final offer waits for the customer's answer. */
    OFFER_MADE,
    /** The customer accepted: bought, registered and paid (or payment due). */
    ACCEPTED,
    /** The customer declined: the item is to be sent back. */
    DECLINED,
    /** The declined item was sent back. */
    RETURNED,
    /** The bought item is in the catalog as a second-hand product. */
    RELISTED
}
