package io.boucle.tax;

/**
 * VAT exemption reason codes of the CEF VATEX list (EN 16931 BT-121), required for the categories E,
 * AE, K, G and O (business rules BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10).
 */
public enum VatExemptionReason {
    /** Second-hand goods under the margin scheme (Directive 2006/112/EC art. 311-325). */
    VATEX_EU_F("VATEX-EU-F"),
    /** Intra-Community supply of goods (Directive art. 138). */
    VATEX_EU_IC("VATEX-EU-IC"),
    /** Export outside the EU (Directive art. 146). */
    VATEX_EU_G("VATEX-EU-G"),
    /** Reverse charge (Directive art. 196). */
    VATEX_EU_AE("VATEX-EU-AE"),
    /** Not subject to VAT. */
    VATEX_EU_O("VATEX-EU-O");

    private final String code;

    VatExemptionReason(String code) {
        this.code = code;
    }

    /** The code as it is written on an EN 16931 invoice, e.g. {@code VATEX-EU-F}. */
    public String code() {
        return code;
    }
}
