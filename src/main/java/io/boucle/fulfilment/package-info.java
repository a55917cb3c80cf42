/**
 * Delivery methods and their prices, estimated delivery dates on French business days, pickup
 * points and click-and-collect stores; after payment: carriers, shipments and their tracking,
 * click & collect pickups, delivery deadlines, and the customer's notices about all of them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "order", "audit", "messaging", "inventory" })
package io.boucle.fulfilment;
