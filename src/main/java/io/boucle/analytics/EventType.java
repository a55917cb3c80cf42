package io.boucle.analytics;

/** What a storefront event records. Checkout steps are the three of the checkout, then placement. */
public enum EventType {
    /** The first page of a session: landing page, referrer, UTM parameters, channel. */
    VISIT,
    PAGE_VIEW,
    PRODUCT_VIEW,
    SEARCH,
    ADD_TO_CART,
    /** Checkout step 1: the cart, with delivery cost and taxes. */
    CHECKOUT_CART,
    /** Checkout step 2: contact, addresses and delivery. */
    CHECKOUT_DETAILS,
    /** Checkout step 3: review and confirm. */
    CHECKOUT_CONFIRM,
    /** The order was placed (subject: its number); payment follows. */
    ORDER_PLACED;

    String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
