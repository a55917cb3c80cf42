/**
 * What a payment provider implements ({@link io.boucle.payment.provider.PaymentProvider}) and how its
 * pages and notifications report outcomes back ({@link io.boucle.payment.provider.PaymentRecords}).
 * Internal to the payment module.
 */
package io.boucle.payment.provider;
