package io.boucle.invoicing;

import java.time.LocalDate;
import java.util.Optional;

import io.boucle.shared.Money;

/**
 * An issued document as a list shows it.
 *
 * @param buyer           the company's name for a business, else the person's
 * @param amountPayable   what the customer paid, or gets back for a credit note (BT-115's total)
 * @param originalInvoice for a credit note, the invoice it credits
 */
public record InvoiceSummary(InvoiceNumber number, InvoiceType type, LocalDate issueDate, String orderReference,
        String buyer, Money amountPayable, Optional<InvoiceNumber> originalInvoice) {
}
