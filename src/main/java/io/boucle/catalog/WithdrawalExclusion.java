package io.boucle.catalog;

/**
 * Why a product is not covered by the 14-day right of withdrawal, from the exceptions of Code de la
 * consommation article L221-28. The shop states it before the purchase (L221-5, 2°).
 *
 * <p>Two kinds: goods the right never covers ({@link #outright()}), and sealed goods it covers only as
 * long as the seal is intact (hygiene items, audio/video recordings and software): those can be
 * withdrawn online, and the inspection refuses them when they come back unsealed.
 */
public enum WithdrawalExclusion {
    /** L221-28 3°: made to the consumer's specifications or clearly personalised. */
    PERSONALISED(true),
    /** L221-28 4°: liable to deteriorate or expire rapidly. */
    PERISHABLE(true),
    /** L221-28 5°: sealed goods not suitable for return for health protection or hygiene reasons once unsealed. */
    SEALED_HYGIENE(false),
    /** L221-28 9°: sealed audio or video recordings or computer software once unsealed. */
    SEALED_MEDIA(false),
    /** L221-28 6°: goods inseparably mixed with other items after delivery, by their nature. */
    INSEPARABLY_MIXED(true);

    private final boolean outright;

    WithdrawalExclusion(boolean outright) {
        this.outright = outright;
    }

    /** Whether the right of withdrawal never applies (as opposed to: only while the seal is intact). */
    public boolean outright() {
        return outright;
    }
}
