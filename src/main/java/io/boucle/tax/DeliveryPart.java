package io.boucle.tax;

import java.util.Optional;

import io.boucle.shared.Percentage;

/**
 * The delivery charge, or the part of it that follows goods taxed one way: the delivery follows the
 * goods it carries (Directive 2006/112/EC art. 78(b); CGI art. 267 I 2°), split in proportion to the
 * goods' values excl. VAT at French rates when they are taxed differently (see {@link VatEngine}). Parts attached to margin-scheme goods belong
 * to their selling price (Directive art. 312(1)) and are shown like them, without VAT.
 */
public record DeliveryPart(VatRegime regime, Optional<VatCountry> taxCountry, Percentage rate,
        VatCategory category, Optional<VatExemptionReason> exemptionReason, Amounts amounts) {
}
