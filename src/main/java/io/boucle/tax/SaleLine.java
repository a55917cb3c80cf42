package io.boucle.tax;

import java.util.Objects;
import java.util.Optional;

import io.boucle.shared.Money;

/**
 * One line of a sale: {@code quantity} units at {@code unitPrice}, the catalog price including French
 * VAT at the line's category (what a customer in France pays).
 *
 * @param reference    the caller's key for the line (SKU, cart line id), unique within a sale
 * @param marginScheme present for a second-hand item sold under the margin scheme
 */
public record SaleLine(String reference, TaxCategory taxCategory, SupplyKind supplyKind, int quantity,
        Money unitPrice, Optional<MarginScheme> marginScheme) {

    public SaleLine {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(taxCategory, "taxCategory");
        Objects.requireNonNull(supplyKind, "supplyKind");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(marginScheme, "marginScheme");
        if (reference.isBlank()) {
            throw new IllegalArgumentException("a line needs a reference");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
        }
        if (unitPrice.isNegative() || !unitPrice.isRoundedToMinorUnit()) {
            throw new IllegalArgumentException("a unit price is a non-negative amount in cents: " + unitPrice);
        }
        if (marginScheme.isPresent() && supplyKind != SupplyKind.GOODS) {
            // Directive 2006/112/EC art. 311: the margin scheme covers tangible movable property only.
            throw new IllegalArgumentException("the margin scheme applies to goods only: " + reference);
        }
        if (marginScheme.isPresent() && !marginScheme.get().purchasePrice().currency().equals(unitPrice.currency())) {
            throw new IllegalArgumentException("purchase and sale price must share a currency: " + reference);
        }
    }

    public static SaleLine goods(String reference, TaxCategory category, int quantity, Money unitPrice) {
        return new SaleLine(reference, category, SupplyKind.GOODS, quantity, unitPrice, Optional.empty());
    }

    public static SaleLine service(String reference, TaxCategory category, int quantity, Money unitPrice) {
        return new SaleLine(reference, category, SupplyKind.SERVICES, quantity, unitPrice, Optional.empty());
    }

    /** A second-hand item under the margin scheme, bought for {@code purchasePrice} a unit. */
    public static SaleLine secondHand(String reference, TaxCategory category, int quantity, Money unitPrice,
            Money purchasePrice) {
        return new SaleLine(reference, category, SupplyKind.GOODS, quantity, unitPrice,
                Optional.of(MarginScheme.boughtFor(purchasePrice)));
    }

    public boolean isMarginScheme() {
        return marginScheme.isPresent();
    }

    /** The catalog price of the whole line, incl. French VAT. */
    public Money catalogTotal() {
        return unitPrice.times(quantity);
    }
}
