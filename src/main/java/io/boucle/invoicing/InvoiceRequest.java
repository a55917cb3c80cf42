package io.boucle.invoicing;

import java.time.LocalDate;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.boucle.tax.AssessedLine;
import io.boucle.tax.SupplyKind;
import io.boucle.tax.VatAssessment;

/**
 * What the checkout knows when an order is to be invoiced: whom it sold to, what, and the VAT engine's
 * assessment of the sale, whose figures the invoice shows unchanged.
 *
 * <p>No issue date: {@link Invoicing#issueInvoice} dates the invoice when it numbers it, in the same
 * transaction, so that numbers and dates of a series always go up together (a continuous <em>chronological</em>
 * sequence, CGI ann. II art. 242 nonies A I 7°).
 *
 * @param orderReference      the order the invoice is for (EN 16931 BT-14); one invoice per order
 * @param deliveryDate        the date the goods were delivered or the services supplied, when known and
 *                            different from the issue date (art. 242 nonies A I 9°; BT-72)
 * @param deliveryAddress     where the goods go, when it differs from the billing address (a mention of the
 *                            e-invoicing reform, décret n° 2022-1299)
 * @param currency            the invoice currency, the assessment's
 * @param assessment          the VAT engine's figures for the sale, in the invoice currency (converted from euros
 *                            for an order charged in another currency)
 * @param items               a precise description (art. 242 nonies A I 9°) and the kind of supply of each
 *                            assessed line, matched by reference
 * @param deliveryDescription how the delivery charge is described, e.g. "Livraison à domicile"; required
 *                            when the assessment has one
 * @param payment             the payment received for the order before the invoice, which the invoice
 *                            acknowledges; it must be the whole amount payable
 * @param taxCurrency         for an invoice in another currency than the euro, the order's rate and its VAT in euros
 *                            as assessed; empty in euros
 */
public record InvoiceRequest(String orderReference, Optional<LocalDate> deliveryDate, InvoiceBuyer buyer,
        Optional<PostalAddress> deliveryAddress, Currency currency, VatAssessment assessment, List<Item> items,
        Optional<String> deliveryDescription, Optional<InvoicePayment> payment, Optional<TaxCurrency> taxCurrency) {

    /** A request for an invoice in euros. */
    public InvoiceRequest(String orderReference, Optional<LocalDate> deliveryDate, InvoiceBuyer buyer,
            Optional<PostalAddress> deliveryAddress, Currency currency, VatAssessment assessment, List<Item> items,
            Optional<String> deliveryDescription, Optional<InvoicePayment> payment) {
        this(orderReference, deliveryDate, buyer, deliveryAddress, currency, assessment, items, deliveryDescription, payment,
                Optional.empty());
    }

    /** How an assessed line is shown: {@code reference} is the sale line's (SKU, cart line). */
    public record Item(String reference, String description, SupplyKind kind) {

        public Item {
            reference = Texts.required(reference, "item reference", 100);
            description = Texts.required(description, "the description of " + reference, Texts.LONG);
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** A request for an invoice not paid yet. */
    public InvoiceRequest(String orderReference, Optional<LocalDate> deliveryDate, InvoiceBuyer buyer,
            Optional<PostalAddress> deliveryAddress, Currency currency, VatAssessment assessment, List<Item> items,
            Optional<String> deliveryDescription) {
        this(orderReference, deliveryDate, buyer, deliveryAddress, currency, assessment, items, deliveryDescription,
                Optional.empty(), Optional.empty());
    }

    public InvoiceRequest {
        orderReference = Texts.required(orderReference, "order reference", 100);
        Objects.requireNonNull(deliveryDate, "deliveryDate");
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(deliveryAddress, "deliveryAddress");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(assessment, "assessment");
        items = List.copyOf(items);
        deliveryDescription = Objects.requireNonNull(deliveryDescription, "deliveryDescription")
                .map(text -> Texts.required(text, "delivery description", Texts.SHORT));
        Set<String> described = new HashSet<>();
        for (Item item : items) {
            if (!described.add(item.reference())) {
                throw new IllegalArgumentException("item " + item.reference() + " is described twice");
            }
        }
        for (AssessedLine line : assessment.lines()) {
            if (!described.contains(line.reference())) {
                throw new IllegalArgumentException("line " + line.reference() + " has no description");
            }
        }
        if (described.size() != assessment.lines().size()) {
            throw new IllegalArgumentException("descriptions were given for lines the assessment does not have");
        }
        if (!assessment.delivery().isEmpty() && deliveryDescription.isEmpty()) {
            throw new IllegalArgumentException("the delivery charge needs a description");
        }
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(taxCurrency, "taxCurrency");
        payment.ifPresent(paid -> {
            if (paid.amount().compareTo(assessment.totals().payable()) != 0) {
                throw new IllegalArgumentException("the payment of " + paid.amount() + " is not the amount payable "
                        + assessment.totals().payable() + ": an invoice acknowledges a payment in full only");
            }
        });
    }

    public Item item(String reference) {
        return items.stream().filter(item -> item.reference().equals(reference)).findFirst().orElseThrow();
    }
}
