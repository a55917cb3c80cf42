/** The shopper's pages: server-rendered, French first, usable without JavaScript. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform::web", "catalog", "inventory", "search" })
package io.boucle.storefront;
