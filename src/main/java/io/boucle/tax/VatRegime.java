package io.boucle.tax;

/** Why a line is taxed the way it is; invoicing, e-reporting and the OSS return read it. */
public enum VatRegime {
    /**
     * Supplied in France (mainland France, Corsica, Monaco), French VAT: goods delivered there, services
     * to consumers anywhere (Directive 2006/112/EC art. 45, CGI art. 259-2°), services to a French
     * business, and goods sent to another member state for a buyer identified for VAT only in France
     * (no exemption: Directive art. 138(1)(b)).
     */
    DOMESTIC,
    /**
     * Goods sent to a consumer in another member state while the seller's EU distance sales stay within
     * the threshold: French VAT (Directive art. 59c; CGI art. 258 A; BOI-TVA-CHAMP-20-20-30). Counts towards the threshold.
     */
    DISTANCE_SALE_TAXED_IN_FRANCE,
    /** Goods sent to a consumer in another member state, taxed there, declared through OSS (Directive art. 33(a), 369a ff.). */
    OSS_DESTINATION,
    /** Goods leaving the EU VAT territory, including the French overseas departments: exempt (CGI art. 262 I, 294-2). */
    EXPORT,
    /** Goods sent to a business identified for VAT in another member state: exempt (CGI art. 262 ter I). */
    INTRA_EU_B2B_GOODS,
    /** Services to a business in another member state: the customer accounts for the VAT (CGI art. 283-2). */
    REVERSE_CHARGE_SERVICES,
    /** Services to a business established outside the EU: supplied there, outside the scope of French VAT (CGI art. 259-1°). */
    OUTSIDE_SCOPE_SERVICES,
    /** Second-hand goods bought from a private person or a margin-scheme dealer: VAT on the margin only (CGI art. 297 A). */
    MARGIN_SCHEME
}
