package io.boucle.tax;

/** A mention the invoice must carry, with its text in force on the sale date ({@code tax/legal-texts.json}). */
public record LegalMention(Kind kind, String text) {

    /** Which rule requires the mention (CGI ann. II art. 242 nonies A I). */
    public enum Kind {
        /** 12°: exemption of an export, "Exonération de TVA, article 262 I du CGI". */
        EXPORT_EXEMPTION,
        /** 3° and 12°: exempt intra-Community supply, "Exonération de TVA, article 262 ter I du CGI". */
        INTRA_EU_SUPPLY_EXEMPTION,
        /** 13°: the customer accounts for the VAT, "Autoliquidation". */
        REVERSE_CHARGE,
        /** 16°: margin scheme, "Régime particulier – Biens d'occasion". */
        MARGIN_SCHEME_SECOND_HAND,
        /** Services supplied outside France to a business outside the EU (EN 16931 BR-O-10 needs a reason). */
        SERVICES_OUTSIDE_SCOPE
    }
}
