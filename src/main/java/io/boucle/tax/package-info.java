/**
 * The VAT engine: effective-dated EU rates and the French seller's VAT rules (domestic, OSS distance
 * sales, exports, intra-EU B2B, reverse charge, margin scheme), pure and fast, turning a sale into the
 * figures, categories and mentions an invoice carries. Around it, the interfaces the checkout fills it
 * through: the seller's distance sales ({@code DistanceSalesSource}, kept by the order module) and the check
 * of a business buyer's VAT number ({@code VatNumberCheck}: offline, or the EU's VIES service).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.boucle.tax;
