package io.boucle.customer;

import java.time.Instant;
import java.util.Locale;

import org.springframework.modulith.events.Externalized;

/** A shopper opened an account. */
@Externalized
public record CustomerSignedUp(CustomerId customerId, Locale locale, boolean marketingEmails, Instant signedUpAt) {
}
