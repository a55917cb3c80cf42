/**
 * The VAT engine: effective-dated EU rates and the French seller's VAT rules (domestic, OSS distance
 * sales, exports, intra-EU B2B, reverse charge, margin scheme), pure and fast, turning a sale into the
 * figures, categories and mentions an invoice carries.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.boucle.tax;
