package io.boucle.tax;

/** VAT category codes of UNTDID 5305 as EN 16931 uses them (BT-118, BT-151). */
public enum VatCategory {
    /** Standard rated (any rate above zero). */
    S,
    /** Exempt from tax; here, the margin scheme for second-hand goods. */
    E,
    /** VAT reverse charge: the customer accounts for the VAT. */
    AE,
    /** Intra-Community supply of goods, exempt. */
    K,
    /** Free export item, VAT not charged. */
    G,
    /** Services outside the scope of tax. */
    O,
    /** Zero rated goods (a taxable supply at 0 %). */
    Z
}
