package io.boucle.tax;

import java.util.Optional;

import io.boucle.shared.Money;
import io.boucle.shared.Percentage;

/**
 * One row of the invoice's VAT breakdown (EN 16931 BG-23): per category and rate, the taxable amount
 * (the sum of the lines' and delivery parts' amounts excl. VAT, BR-S-08) and the VAT computed on it,
 * {@code taxableAmount × rate / 100} rounded half up to the cent (BR-CO-17).
 *
 * @param exemptionText the mention for an exempt category (BT-120), empty for S and Z
 */
public record VatBreakdown(VatCategory category, Percentage rate, Optional<VatExemptionReason> exemptionReason,
        Optional<String> exemptionText, Money taxableAmount, Money vat) {
}
