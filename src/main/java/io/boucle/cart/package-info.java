/**
 * Carts of guests and customers: lines checked against stock, discounts, the delivery cost and
 * VAT always shown, and the last activity for abandoned-cart reminders. A customer has one open
 * cart, into which their guest cart is merged when they sign in.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "customer", "catalog", "inventory", "pricing", "fulfilment", "tax", "invoicing" })
package io.boucle.cart;
