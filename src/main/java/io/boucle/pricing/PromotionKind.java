package io.boucle.pricing;

/** What a promotion gives. */
public enum PromotionKind {
    /** A percentage off the eligible lines, rounded half up to the cent. */
    PERCENTAGE,
    /** A fixed amount off the eligible lines' total, spread over them in proportion. */
    FIXED_AMOUNT,
    /** The chosen delivery for free. */
    FREE_DELIVERY,
    /** For every X eligible units bought, the Y cheapest more are free (e.g. 3 for the price of 2). */
    BUY_X_GET_Y,
    /** An amount off from a spending threshold; the highest threshold reached applies. */
    TIERED_SPEND
}
