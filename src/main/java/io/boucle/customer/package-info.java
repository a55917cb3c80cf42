/**
 * The shop's customers: accounts with a password, the history of their marketing consent, sign-in
 * throttled against guessing, and their wishlist. Addresses, segments and data-protection requests
 * will live here too.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "messaging", "audit" })
package io.boucle.customer;
