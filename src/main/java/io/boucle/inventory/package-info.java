/** Stock per SKU: what is on hand and what is held for orders, so nothing is sold twice. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "audit" })
package io.boucle.inventory;
