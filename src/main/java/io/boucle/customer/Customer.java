package io.boucle.customer;

import java.time.Instant;
import java.util.Locale;

import io.boucle.shared.EmailAddress;

/**
 * A customer account as other modules see it: never its password.
 *
 * @param marketingEmails whether the customer agrees, now, to receive marketing emails
 */
public record Customer(CustomerId id, EmailAddress email, String name, Locale locale, boolean marketingEmails,
                       Instant createdAt) {
}
