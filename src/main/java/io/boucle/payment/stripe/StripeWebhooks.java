package io.boucle.payment.stripe;

import java.time.Clock;
import java.util.Optional;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import io.boucle.payment.PaymentId;
import io.boucle.payment.provider.PaymentRecords;
import io.boucle.payment.provider.ProviderPayment;
import io.boucle.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's notifications. Authenticated by their {@code Stripe-Signature} (HMAC of the raw body with the
 * endpoint's secret, and a timestamp no older than the tolerance), not by a login or a CSRF token.
 * Handling is idempotent: a notification Stripe sends again, or one replayed by someone who caught it,
 * finds the payment already moved and changes nothing.
 */
@RestController
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private final StripeSettings settings;
    private final PaymentRecords records;
    private final Clock clock;

    public StripeWebhooks(StripeSettings settings, PaymentRecords records, Clock clock) {
        this.settings = settings;
        this.records = records;
        this.clock = clock;
    }

    @PostMapping("/api/v1/webhooks/stripe")
    public ResponseEntity<?> receive(@RequestBody(required = false) String payload,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature, HttpServletRequest request) {
        if (!settings.hasWebhookSecret()) {
            return problem(HttpStatus.NOT_FOUND, "Stripe webhooks are not configured on this shop.", request);
        }
        if (payload == null || signature == null || signature.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "A signed Stripe event is expected: a JSON body and its Stripe-Signature header.", request);
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, settings.webhookSecret(),
                    settings.webhookTolerance().toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            return problem(HttpStatus.BAD_REQUEST, "The Stripe-Signature does not verify: " + e.getMessage(), request);
        } catch (RuntimeException e) {
            // the library's JSON parser refusing the body
            return problem(HttpStatus.BAD_REQUEST, "The body is not a Stripe event.", request);
        }
        switch (event.getType()) {
            case "payment_intent.succeeded" -> paymentIntent(event).flatMap(this::payment)
                    .ifPresent(payment -> report(event, () -> records.captured(payment.id(), null, false)));
            case "payment_intent.payment_failed" -> paymentIntent(event).ifPresent(intent -> payment(intent)
                    .ifPresent(payment -> report(event, () -> records.declined(payment.id(),
                            StripeProvider.declineCode(intent.getLastPaymentError()), null))));
            case "payment_intent.canceled" -> paymentIntent(event).flatMap(this::payment)
                    .ifPresent(payment -> report(event, () -> records.cancelled(payment.id())));
            default -> log.debug("Stripe event {} of type {} ignored", event.getId(), event.getType());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(java.util.Map.of("received", true));
    }

    private Optional<PaymentIntent> paymentIntent(Event event) {
        StripeObject object = event.getDataObjectDeserializer().getObject().orElseGet(() -> {
            try {
                return event.getDataObjectDeserializer().deserializeUnsafe();
            } catch (EventDataObjectDeserializationException e) {
                log.warn("Stripe event {} could not be read: {}", event.getId(), e.getMessage());
                return null;
            }
        });
        return object instanceof PaymentIntent intent ? Optional.of(intent) : Optional.empty();
    }

    /** The payment of a PaymentIntent: by the id we gave it, else by Stripe's id; none for another system's intents. */
    private Optional<ProviderPayment> payment(PaymentIntent intent) {
        String id = intent.getMetadata() == null ? null : intent.getMetadata().get(StripeProvider.PAYMENT_ID);
        Optional<ProviderPayment> payment = Optional.empty();
        if (id != null) {
            try {
                payment = records.find(PaymentId.of(id));
            } catch (IllegalArgumentException e) {
                payment = Optional.empty();
            }
        }
        if (payment.isEmpty() && intent.getId() != null) {
            payment = records.findByProviderReference(StripeProvider.NAME, intent.getId());
        }
        payment = payment.filter(p -> StripeProvider.NAME.equals(p.provider()));
        if (payment.isEmpty()) {
            log.info("Stripe PaymentIntent {} belongs to no payment of this shop", intent.getId());
        }
        return payment;
    }

    private static void report(Event event, java.util.function.BooleanSupplier change) {
        try {
            if (!change.getAsBoolean()) {
                log.debug("Stripe event {} ({}) changed nothing: already recorded", event.getId(), event.getType());
            }
        } catch (IllegalStateException e) {
            // Stripe must not retry this for days: the payment has moved past it (e.g. captured after a local failure).
            log.warn("Stripe event {} ({}) does not fit the payment's state, to be checked by hand: {}",
                    event.getId(), event.getType(), e.getMessage());
        }
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail, HttpServletRequest request) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(status, detail, request.getRequestURI()));
    }
}
