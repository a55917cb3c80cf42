/**
 * What the shop sells: categories, brands, products with variants, second-hand items with their
 * grade and acquisition, attributes for facets, reviews, questions and answers, co-purchases.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "tax", "audit" })
package io.boucle.catalog;
