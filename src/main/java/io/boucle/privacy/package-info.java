/**
 * A person's rights over their data (GDPR): everything the shop holds about a customer gathered into
 * one file (art. 15 and 20), and erasure (art. 17), which removes or anonymises the profile and the
 * marketing data while keeping the orders and the invoices the law requires.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "customer", "order", "messaging", "catalog", "community", "audit" })
package io.boucle.privacy;
