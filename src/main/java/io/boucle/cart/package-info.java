/**
 * Carts of guests and customers: lines checked against stock, discounts, the delivery cost and
 * VAT always shown, and the last activity for abandoned-cart reminders.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "catalog", "inventory", "pricing", "fulfilment", "tax", "invoicing" })
package io.boucle.cart;
