package io.boucle.invoicing;

import java.time.Instant;
import java.time.LocalDate;

import io.boucle.shared.Money;
import org.springframework.modulith.events.Externalized;

/** A credit note was issued against an invoice; {@code amountCredited} is what the customer gets back. */
@Externalized
public record CreditNoteIssued(InvoiceNumber number, InvoiceNumber originalInvoice, String orderReference,
        LocalDate issueDate, Money amountCredited, Instant issuedAt) {
}
