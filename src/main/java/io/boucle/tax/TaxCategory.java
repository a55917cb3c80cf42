package io.boucle.tax;

/**
 * A product's VAT category as the catalog stores it: the French rate it is sold at.
 *
 * <p>In France each category is its rate (CGI art. 278, 279, 278-0 bis, 281 octies). Abroad it is read
 * as the goods class usual at that rate and mapped to the destination's rate by
 * {@code tax/category-rates.json}, which documents the mapping and its limits.
 */
public enum TaxCategory {
    /** 20 %: everything not covered by a reduced rate (CGI art. 278). */
    STANDARD,
    /** 10 % (CGI art. 279, 278 bis). */
    REDUCED_10,
    /** 5.5 %: food, books, energy (CGI art. 278-0 bis). */
    REDUCED_5_5,
    /** 2.1 %: reimbursable medicines, press (CGI art. 281 octies, 298 septies). */
    SUPER_REDUCED_2_1
}
