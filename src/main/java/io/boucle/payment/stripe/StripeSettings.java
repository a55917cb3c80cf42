package io.boucle.payment.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiKey           the secret API key ({@code sk_...}); Stripe takes no payment without it
 * @param webhookSecret    the webhook endpoint's signing secret ({@code whsec_...}); the webhook refuses
 *                         every notification without it
 * @param apiBase          Stripe's API address; tests point it at a local stub
 * @param webhookTolerance how old a signed notification may be before it is refused as a replay
 */
@ConfigurationProperties("boucle.payment.stripe")
public record StripeSettings(String apiKey, String webhookSecret,
                             @DefaultValue("https://api.stripe.com") String apiBase,
                             @DefaultValue("5m") Duration webhookTolerance) {

    boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    boolean hasWebhookSecret() {
        return webhookSecret != null && !webhookSecret.isBlank();
    }
}
