package io.boucle.fulfilment;

/** How the goods reach the shopper. */
public enum DeliveryKind {
    HOME, RELAY, CLICK_AND_COLLECT, EXPRESS
}
