package io.boucle.payment.provider;

import io.boucle.payment.PaymentId;
import io.boucle.payment.PaymentMethod;
import io.boucle.payment.PaymentStatus;
import io.boucle.shared.Money;

/**
 * A payment as a provider sees it: what to charge and where the shopper goes back to.
 *
 * @param method          the method's name ({@code card}, {@code hosted_card}, {@code wallet}, ...)
 * @param paymentMethod   the method as requested; only set when the payment is being started
 * @param returnUrl       the shop's address to send the shopper back to, with {@code payment=<id>} added
 */
public record ProviderPayment(PaymentId id, String reference, Money amount, String provider, String method,
                              PaymentMethod paymentMethod, PaymentStatus status, boolean challenged, CardDetails card,
                              String providerReference, String returnUrl, String customerEmail) {
}
