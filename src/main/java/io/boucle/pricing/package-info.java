/**
 * Promotions and discount codes applied to a cart, and the price history that gives every
 * announced reduction its lawful reference (the lowest price of the previous 30 days); and the reference
 * exchange rates, effective-dated, imported from the ECB's XML files.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "catalog", "audit" })
package io.boucle.pricing;
