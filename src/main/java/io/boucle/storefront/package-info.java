/** The shopper's pages: server-rendered, French first, usable without JavaScript. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.boucle.storefront;
