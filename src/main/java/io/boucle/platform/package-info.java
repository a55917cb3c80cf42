/**
 * The ground every capability stands on: the database (embedded or external) and its per-module
 * migrations, events and their externalisation, cluster-safe jobs, demo seeding, the web base
 * and security.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "staff", "customer", "audit" })
package io.boucle.platform;
