/**
 * The merchant's staff: accounts with roles, password sign-in with lock-out, API tokens, and the
 * first owner account of a new shop.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "messaging", "audit" })
package io.boucle.staff;
