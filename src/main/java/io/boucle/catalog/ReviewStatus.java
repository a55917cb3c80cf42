package io.boucle.catalog;

/** Where a review stands: shoppers' reviews wait for staff; only published ones are shown and counted. */
public enum ReviewStatus {
    PENDING, PUBLISHED, REJECTED
}
