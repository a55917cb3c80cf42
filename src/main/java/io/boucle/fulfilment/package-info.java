/**
 * Delivery methods and their prices, estimated delivery dates on French business days, pickup
 * points and click-and-collect stores.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "order", "audit" })
package io.boucle.fulfilment;
