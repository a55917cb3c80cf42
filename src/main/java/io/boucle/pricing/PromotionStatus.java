package io.boucle.pricing;

/** Where a promotion stands at a given moment, as the back office shows it. */
public enum PromotionStatus {
    SCHEDULED, ACTIVE, EXPIRED, USED_UP, DEACTIVATED
}
