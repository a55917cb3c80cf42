/**
 * What the shop sells: categories, brands, products with variants, second-hand items with their
 * grade and acquisition, attributes for facets, reviews, questions and answers, co-purchases. The
 * CSV import and export carry each SKU's units on hand, read and set through the inventory.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "tax", "audit", "inventory" })
package io.boucle.catalog;
