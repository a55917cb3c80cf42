package io.boucle.tax;

import java.util.Objects;

import io.boucle.shared.Money;

/**
 * A second-hand item sold under the margin scheme (CGI art. 297 A; Directive 2006/112/EC art. 312-325),
 * with the price the merchant paid for one unit.
 *
 * <p>Only for an item bought from a private person, or from a dealer who sold it under the margin
 * scheme himself (CGI art. 297 A I 1°): an item bought from a VAT-registered seller who charged VAT is a
 * normal line, without this. The purchase price stays inside the engine and the accountant's figures;
 * it never reaches a customer-facing field.
 */
public record MarginScheme(Money purchasePrice) {

    public MarginScheme {
        Objects.requireNonNull(purchasePrice, "purchasePrice");
        if (purchasePrice.isNegative()) {
            throw new IllegalArgumentException("a purchase price cannot be negative: " + purchasePrice);
        }
    }

    public static MarginScheme boughtFor(Money purchasePrice) {
        return new MarginScheme(purchasePrice);
    }
}
