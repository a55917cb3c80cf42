/** The staff's pages under {@code /admin}: sign-in, dashboard, and one section per capability. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform::web", "staff", "messaging", "catalog", "inventory", "pricing", "fulfilment", "payment", "order", "invoicing", "community", "returns", "customer", "audit", "platform::security", "privacy", "analytics", "buyback" })
package io.boucle.backoffice;
