package io.boucle.tax;

import java.util.Optional;

import io.boucle.shared.Percentage;

/**
 * How one line (and the delivery that follows it) is taxed: the outcome of the place-of-supply and
 * exemption rules, before any amount is computed.
 *
 * @param frenchRate        the French rate the catalog price includes
 * @param keepsCatalogPrice the line is charged its catalog price whatever the rate (margin-scheme goods)
 */
record Treatment(VatRegime regime, Optional<VatCountry> taxCountry, Percentage rate, VatCategory category,
        Optional<VatExemptionReason> exemptionReason, Optional<LegalMention.Kind> mention, Percentage frenchRate,
        boolean keepsCatalogPrice) {

    static Treatment frenchVat(VatRegime regime, Percentage frenchRate) {
        return new Treatment(regime, Optional.of(VatCountry.FRANCE), frenchRate, VatCategory.S, Optional.empty(),
                Optional.empty(), frenchRate, false);
    }

    static Treatment destinationVat(VatCountry country, Percentage rate, Percentage frenchRate) {
        // A rate of zero at destination is a taxable supply at 0 %, category Z, not an exemption.
        VatCategory category = rate.isZero() ? VatCategory.Z : VatCategory.S;
        return new Treatment(VatRegime.OSS_DESTINATION, Optional.of(country), rate, category, Optional.empty(),
                Optional.empty(), frenchRate, false);
    }

    static Treatment export(Percentage frenchRate, boolean marginScheme) {
        return new Treatment(VatRegime.EXPORT, Optional.of(VatCountry.FRANCE), Percentage.ZERO, VatCategory.G,
                Optional.of(VatExemptionReason.VATEX_EU_G), Optional.of(LegalMention.Kind.EXPORT_EXEMPTION),
                frenchRate, marginScheme);
    }

    static Treatment intraEuSupply(Percentage frenchRate) {
        return new Treatment(VatRegime.INTRA_EU_B2B_GOODS, Optional.of(VatCountry.FRANCE), Percentage.ZERO,
                VatCategory.K, Optional.of(VatExemptionReason.VATEX_EU_IC),
                Optional.of(LegalMention.Kind.INTRA_EU_SUPPLY_EXEMPTION), frenchRate, false);
    }

    static Treatment reverseCharge(VatCountry customerCountry, Percentage frenchRate) {
        return new Treatment(VatRegime.REVERSE_CHARGE_SERVICES, Optional.of(customerCountry), Percentage.ZERO,
                VatCategory.AE, Optional.of(VatExemptionReason.VATEX_EU_AE),
                Optional.of(LegalMention.Kind.REVERSE_CHARGE), frenchRate, false);
    }

    static Treatment outsideScope(Percentage frenchRate) {
        return new Treatment(VatRegime.OUTSIDE_SCOPE_SERVICES, Optional.empty(), Percentage.ZERO, VatCategory.O,
                Optional.of(VatExemptionReason.VATEX_EU_O), Optional.of(LegalMention.Kind.SERVICES_OUTSIDE_SCOPE),
                frenchRate, false);
    }

    static Treatment marginScheme(Percentage frenchRate) {
        // Shown as exempt with rate 0 (EN 16931 BR-E-05): the VAT on the margin is due but never shown.
        return new Treatment(VatRegime.MARGIN_SCHEME, Optional.of(VatCountry.FRANCE), Percentage.ZERO, VatCategory.E,
                Optional.of(VatExemptionReason.VATEX_EU_F), Optional.of(LegalMention.Kind.MARGIN_SCHEME_SECOND_HAND),
                frenchRate, true);
    }
}
