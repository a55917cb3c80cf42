package io.boucle.payment;

import io.boucle.shared.Money;

/**
 * A payment to take.
 *
 * @param reference      what is paid for, opaque to payments (an order number)
 * @param returnUrl      where the shopper comes back to after acting on the provider's pages
 * @param idempotencyKey the same key returns the same payment, never a second charge
 */
public record PaymentRequest(String reference, Money amount, PaymentMethod method, String customerEmail,
                             String returnUrl, String idempotencyKey) {
}
