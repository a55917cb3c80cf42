/**
 * A cart becomes an order: the lawful recap, stock reserved, the order placed once per
 * idempotency key, then paid outside the placement's transaction.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "cart", "order", "payment", "fulfilment", "inventory", "pricing", "tax" })
package io.boucle.checkout;
