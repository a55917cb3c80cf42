package io.boucle.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider which provider takes new payments: {@code test} (the built-in test provider, the
 *                 default) or {@code stripe}; payments already taken stay with the provider that took them
 * @param waitForConcurrent how long a second call with the same idempotency key waits for the first
 *                          one's outcome before answering {@code PROCESSING}
 * @param recoverAfter      how old an attempt still {@code PROCESSING} must be before the provider is asked
 *                          where it stands (the shop stopped during the call): longer than a provider call
 *                          can take, retries included
 * @param giveUpAfter       how old such an attempt must be to be failed when the provider still cannot tell
 *                          (it never received the call)
 */
@ConfigurationProperties("boucle.payment")
record PaymentSettings(@DefaultValue("test") String provider,
                       @DefaultValue("10s") java.time.Duration waitForConcurrent,
                       @DefaultValue("3m") java.time.Duration recoverAfter,
                       @DefaultValue("1h") java.time.Duration giveUpAfter) {
}
