package io.boucle.catalog;

/** Whom a second-hand item was bought from: decides whether its resale falls under the margin scheme. */
public enum SellerType {
    /** A private person: margin scheme (CGI art. 297 A). */
    PRIVATE,
    /** Another dealer who sold it under the margin scheme: margin scheme. */
    MARGIN_SCHEME_DEALER,
    /** A VAT-registered seller who charged VAT: a normal sale. */
    VAT_REGISTERED;

    public boolean marginScheme() {
        return this != VAT_REGISTERED;
    }
}
