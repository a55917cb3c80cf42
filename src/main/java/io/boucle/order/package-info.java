/**
 * Orders from placement to payment, cancellation and the customer's history. Its tables live in the
 * schema {@code orders} (ORDER is a reserved word of SQL).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "customer", "inventory", "pricing", "payment", "messaging", "tax", "audit" })
package io.boucle.order;
