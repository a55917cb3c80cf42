/** The shopper's pages: server-rendered, French first, usable without JavaScript. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform::web", "platform::security", "customer", "catalog", "inventory", "search", "pricing", "fulfilment", "payment", "cart", "order", "checkout", "invoicing", "community", "returns", "privacy", "analytics", "buyback" })
package io.boucle.storefront;
