/**
 * Invoices and credit notes as French law wants them: the merchant's legal identity, final documents
 * numbered without gaps or duplicates per series and year, never changed once issued, chained by
 * SHA-256 so any later change shows, and announced by events for delivery, Factur-X and accounting.
 * Orders are invoiced when paid and credited when cancelled or refunded in full, from the events of the
 * order and payment modules (which know nothing of invoicing).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "tax", "order", "payment", "messaging", "audit", "platform :: web" })
package io.boucle.invoicing;
