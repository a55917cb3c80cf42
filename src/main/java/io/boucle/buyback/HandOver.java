package io.boucle.buyback;

/** How the customer brings the item: by parcel, or to the shop's counter. */
public enum HandOver {
    SHIP, STORE
}
