/**
 * The built-in test provider: test tokens, and pages that stand for a real provider's site (the hosted
 * card form, the 3-D Secure challenge, the wallet) under {@code /pay/test}. Card numbers typed there
 * stay there: only the brand and the last four digits reach the payment records.
 */
package io.boucle.payment.testprovider;
