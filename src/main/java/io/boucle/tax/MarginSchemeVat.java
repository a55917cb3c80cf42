package io.boucle.tax;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/**
 * For the accountant only, never for customer documents: the VAT due on one margin-scheme line.
 *
 * <p>{@code margin = sellingPrice − purchasePrice}, where the selling price includes the line's share of
 * the delivery charge (Directive 2006/112/EC art. 312(1): the selling price includes transport costs
 * charged to the customer); a negative margin is taxed as zero and never offset against another item:
 * this engine applies the item-by-item method (CGI art. 297 A II; BOI-TVA-SECT-90-20-20).
 * {@code vat = margin × rate / (100 + rate)} at the French rate, rounded half up to the cent, because the
 * taxable amount is the margin less the VAT it includes (Directive art. 315).
 */
public record MarginSchemeVat(String reference, Percentage rate, Money sellingPrice, Money purchasePrice,
        Money margin, Money vat) {
}
