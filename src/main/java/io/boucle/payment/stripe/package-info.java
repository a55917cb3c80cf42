/**
 * The Stripe provider: card payments as PaymentIntents (created and confirmed in one call, 3-D Secure
 * through Stripe's redirect), refunds, and the signed webhook that reports outcomes arriving later.
 */
package io.boucle.payment.stripe;
