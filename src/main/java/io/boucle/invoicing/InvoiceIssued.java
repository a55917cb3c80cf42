package io.boucle.invoicing;

import java.time.Instant;
import java.time.LocalDate;

import io.boucle.shared.Money;
import org.springframework.modulith.events.Externalized;

/**
 * An invoice was issued, final and numbered: delivery by email, Factur-X, the accounts and e-reporting
 * follow. Published in the issuing transaction, delivered after it commits, and sent to the message
 * broker when one is configured (routing key {@code invoicing.InvoiceIssued}) for accounting systems.
 */
@Externalized
public record InvoiceIssued(InvoiceNumber number, String orderReference, LocalDate issueDate, Money amountPayable,
        Instant issuedAt) {
}
