package io.boucle.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider which provider takes new payments: {@code test} (the built-in test provider, the
 *                 default) or {@code stripe}; payments already taken stay with the provider that took them
 * @param waitForConcurrent how long a second call with the same idempotency key waits for the first
 *                          one's outcome before answering {@code PROCESSING}
 */
@ConfigurationProperties("boucle.payment")
record PaymentSettings(@DefaultValue("test") String provider,
                       @DefaultValue("10s") java.time.Duration waitForConcurrent) {
}
