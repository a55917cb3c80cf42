package io.boucle.order;

import io.boucle.payment.PaymentStatus;

/**
 * A line of the staff's order list.
 *
 * @param paymentStatus where its payment stands (its captured payment's status, or else its latest
 *                      attempt's); null when no payment was ever attempted
 */
public record OrderRow(OrderSummary order, PaymentStatus paymentStatus) {
}
