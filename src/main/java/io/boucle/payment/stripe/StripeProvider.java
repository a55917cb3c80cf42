package io.boucle.payment.stripe;

import java.net.URI;
import java.util.Locale;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import io.boucle.payment.PaymentMethod;
import io.boucle.payment.provider.CardDetails;
import io.boucle.payment.provider.PaymentProvider;
import io.boucle.payment.provider.ProviderOutcome;
import io.boucle.payment.provider.ProviderPayment;
import io.boucle.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Card payments through Stripe PaymentIntents: created and confirmed in one call with the card's
 * token as payment method, automatic capture. Stripe's idempotency key is the payment's id, so a retried
 * call never charges twice. A card that needs 3-D Secure comes back {@code requires_action} with
 * Stripe's redirect address; the outcome then arrives by webhook ({@link StripeWebhooks}) or when the
 * shop refreshes the payment on the shopper's return.
 */
@Component
public class StripeProvider implements PaymentProvider {

    static final String NAME = "stripe";

    /** Where the payment's id travels with the PaymentIntent, so a webhook finds it even before we stored Stripe's id. */
    static final String PAYMENT_ID = "boucle_payment_id";

    private final StripeClient client;
    private final URI publicUrl;

    public StripeProvider(StripeSettings settings, @Value("${boucle.public-url:http://localhost:8080}") URI publicUrl) {
        this.client = settings.hasApiKey()
                ? StripeClient.builder().setApiKey(settings.apiKey()).setApiBase(settings.apiBase())
                        .setConnectTimeout(10_000).setReadTimeout(30_000).setMaxNetworkRetries(2).build()
                : null;
        this.publicUrl = publicUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(PaymentMethod method) {
        if (client == null) {
            throw new IllegalStateException("Stripe is not configured: set boucle.payment.stripe.api-key");
        }
        if (!(method instanceof PaymentMethod.Card(String token))) {
            throw new IllegalArgumentException("the Stripe provider takes cards tokenised by Stripe only, not "
                    + method.getClass().getSimpleName());
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a card payment needs Stripe's payment method id");
        }
    }

    @Override
    public ProviderOutcome start(ProviderPayment payment) {
        if (!(payment.paymentMethod() instanceof PaymentMethod.Card(String token))) {
            throw new IllegalArgumentException("the Stripe provider takes cards only");
        }
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(payment.amount().minorUnits())
                .setCurrency(payment.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .setPaymentMethod(token)
                .addPaymentMethodType("card")
                .setConfirm(true)
                .setDescription(payment.reference())
                .putMetadata(PAYMENT_ID, payment.id().toString())
                .putMetadata("boucle_reference", payment.reference())
                .addExpand("payment_method");
        if (payment.returnUrl() != null) {
            params.setReturnUrl(publicUrl.resolve(payment.returnUrl()).toString());
        }
        try {
            PaymentIntent intent = client.v1().paymentIntents().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey("boucle_payment_" + payment.id()).build());
            return outcome(intent);
        } catch (CardException e) {
            StripeError error = e.getStripeError();
            String intentId = error != null && error.getPaymentIntent() != null ? error.getPaymentIntent().getId() : null;
            return new ProviderOutcome.Declined(intentId, e.getDeclineCode() != null ? e.getDeclineCode() : e.getCode(), null, false);
        } catch (InvalidRequestException e) {
            // A payment method Stripe does not know, an amount it refuses: this attempt fails, the shopper may retry.
            return new ProviderOutcome.Declined(null, e.getCode() != null ? e.getCode() : "invalid_request", null, false);
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public ProviderOutcome refresh(ProviderPayment payment) {
        if (client == null || payment.providerReference() == null) {
            return null;
        }
        try {
            return outcome(client.v1().paymentIntents().retrieve(payment.providerReference()));
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe did not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Finds the PaymentIntent by the payment's id in its metadata (Stripe's search, whose index may lag
     * by a minute); none found means Stripe cannot tell yet, not that it never saw the payment.
     */
    @Override
    public ProviderOutcome recover(ProviderPayment payment) {
        if (client == null) {
            return null;
        }
        if (payment.providerReference() != null) {
            return refresh(payment);
        }
        try {
            var found = client.v1().paymentIntents().search(PaymentIntentSearchParams.builder()
                    .setQuery("metadata['" + PAYMENT_ID + "']:'" + payment.id() + "'")
                    .addExpand("data.payment_method")
                    .build());
            return found.getData().isEmpty() ? null : outcome(found.getData().getFirst());
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public RefundOutcome refund(ProviderPayment payment, Money amount, String refundKey) {
        if (client == null) {
            // Nothing was sent: a definite failure, which an operator fixes by configuring Stripe.
            return new RefundOutcome.Failed("provider_not_configured");
        }
        try {
            com.stripe.model.Refund refund = client.v1().refunds().create(RefundCreateParams.builder()
                            .setPaymentIntent(payment.providerReference())
                            .setAmount(amount.minorUnits())
                            .build(),
                    RequestOptions.builder().setIdempotencyKey("boucle_refund_" + refundKey).build());
            return switch (refund.getStatus()) {
                case "failed", "canceled" -> new RefundOutcome.Failed(refund.getFailureReason() != null ? refund.getFailureReason() : refund.getStatus());
                default -> new RefundOutcome.Succeeded(refund.getId());
            };
        } catch (StripeException e) {
            // A 4xx answer refused the refund; no answer, or a 5xx one, leaves it unknown: the caller
            // keeps it pending and asks again under the same idempotency key.
            Integer status = e.getStatusCode();
            if (e instanceof InvalidRequestException || (status != null && status >= 400 && status < 500)) {
                return new RefundOutcome.Failed(e.getCode() != null ? e.getCode() : "refused_" + status);
            }
            throw new IllegalStateException("Stripe did not answer: " + e.getMessage(), e);
        }
    }

    /** What a PaymentIntent's status means for the payment. */
    static ProviderOutcome outcome(PaymentIntent intent) {
        CardDetails card = card(intent);
        return switch (intent.getStatus()) {
            case "succeeded" -> new ProviderOutcome.Captured(intent.getId(), card, false);
            case "requires_action" -> new ProviderOutcome.RequiresAction(intent.getId(), redirectUrl(intent), card, true);
            case "canceled" -> new ProviderOutcome.Cancelled(intent.getId());
            case "requires_payment_method" -> new ProviderOutcome.Declined(intent.getId(), declineCode(intent.getLastPaymentError()), card, false);
            // processing, requires_confirmation, requires_capture: the webhook will tell
            default -> new ProviderOutcome.RequiresAction(intent.getId(), null, card, false);
        };
    }

    static String declineCode(StripeError error) {
        if (error == null) {
            return "payment_failed";
        }
        if (error.getDeclineCode() != null) {
            return error.getDeclineCode();
        }
        return error.getCode() != null ? error.getCode() : "payment_failed";
    }

    private static String redirectUrl(PaymentIntent intent) {
        PaymentIntent.NextAction next = intent.getNextAction();
        return next != null && next.getRedirectToUrl() != null ? next.getRedirectToUrl().getUrl() : null;
    }

    private static CardDetails card(PaymentIntent intent) {
        com.stripe.model.PaymentMethod method = intent.getPaymentMethodObject();
        if (method == null || method.getCard() == null || method.getCard().getLast4() == null) {
            return null;
        }
        return new CardDetails(method.getCard().getBrand(), method.getCard().getLast4());
    }
}
