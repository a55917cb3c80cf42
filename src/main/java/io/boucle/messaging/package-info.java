/**
 * Outgoing messages for every module: rendered from templates in the recipient's language, kept
 * in a message log, and delivered after the business transaction commits (SMTP for email), with
 * retries, so a slow or failing mail server never blocks or undoes business work.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package io.boucle.messaging;
