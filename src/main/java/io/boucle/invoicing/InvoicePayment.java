package io.boucle.invoicing;

import java.time.LocalDate;
import java.util.Objects;

import io.boucle.shared.Money;

/**
 * The payment an invoice acknowledges when it is issued for an order already paid: the invoice then says
 * so ("acquittée"), and its Factur-X states the amount paid (BT-113) and nothing left due (BT-115).
 *
 * @param paidOn the date the payment was captured, in France
 * @param amount what was paid: the invoice's amount payable
 */
public record InvoicePayment(LocalDate paidOn, PaymentMeans means, Money amount) {

    public InvoicePayment {
        Objects.requireNonNull(paidOn, "paidOn");
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a payment cannot be negative: " + amount);
        }
    }
}
