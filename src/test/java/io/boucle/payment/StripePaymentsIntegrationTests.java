package io.boucle.payment;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.stripe.Stripe;
import io.boucle.payment.provider.ProviderOutcome;
import io.boucle.payment.provider.ProviderPayment;
import io.boucle.payment.stripe.StripeProvider;
import io.boucle.payment.stripe.StripeSettings;
import io.boucle.payment.stripe.StripeWebhooks;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The Stripe provider against a local stub of Stripe's API, and its webhook with real signatures. The shared
 * test application takes payments through the test provider, so these tests give the payment flow and the
 * webhook a Stripe provider configured for the stub.
 */
@IntegrationTest
class StripePaymentsIntegrationTests {

    static final String SECRET = "whsec_test_secret_for_boucle";

    static StripeStub stub;

    @LocalServerPort
    int port;

    @Autowired
    Payments payments;

    @Autowired
    PaymentRecorder records;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    StripeProvider stripe;
    MockMvc webhook;
    final String id = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startStub() throws Exception {
        stub = new StripeStub();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @BeforeEach
    void setUp() {
        StripeSettings settings = new StripeSettings("sk_test_boucle", SECRET, stub.base(), Duration.ofMinutes(5));
        stripe = new StripeProvider(settings, URI.create("https://shop.boucle.test"));
        webhook = MockMvcBuilders.standaloneSetup(new StripeWebhooks(settings, records, clock)).build();
    }

    PaymentView pay(String paymentMethod, String amount) {
        return payments.pay(new PaymentRequest("stripe-" + id, Money.euros(amount), new PaymentMethod.Card(paymentMethod),
                "shopper@boucle.test", "/checkout/return", "key-" + UUID.randomUUID()), stripe);
    }

    String providerReference(PaymentView payment) {
        return jdbc.sql("SELECT provider_reference FROM payment.payment WHERE id = :id").param("id", payment.id().value())
                .query(String.class).single();
    }

    // PaymentIntents

    @Test
    void aCardThatSucceedsIsCapturedWithAPaymentIntentCreatedAndConfirmedOnce() {
        PaymentView payment = pay("pm_card_visa", "49.90");

        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.provider()).isEqualTo("stripe");
        assertThat(payment.cardBrand()).isEqualTo("visa");
        assertThat(payment.cardLast4()).isEqualTo("4242");
        assertThat(providerReference(payment)).startsWith("pi_");
        StripeStub.Call call = stub.calls("/v1/payment_intents").stream()
                .filter(c -> payment.id().toString().equals(c.form().get("metadata[boucle_payment_id]"))).findFirst().orElseThrow();
        assertThat(call.form()).containsEntry("amount", "4990").containsEntry("currency", "eur")
                .containsEntry("confirm", "true").containsEntry("payment_method", "pm_card_visa")
                .containsEntry("return_url", "https://shop.boucle.test/checkout/return?payment=" + payment.id());
        assertThat(call.idempotencyKey()).isEqualTo("boucle_payment_" + payment.id());
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.captured(payment.id())).isEqualTo(1));
    }

    @Test
    void aCardDeclinedByStripeFailsWithItsDeclineCode() {
        PaymentView payment = pay("pm_card_chargeDeclinedInsufficientFunds", "20.00");

        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.declineCode()).isEqualTo("insufficient_funds");
        assertThat(providerReference(payment)).startsWith("pi_");
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.failed(payment.id())).isEqualTo(1));
    }

    @Test
    void aPaymentMethodStripeDoesNotKnowFailsTheAttempt() {
        PaymentView payment = pay("pm_unknown", "20.00");

        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.declineCode()).isEqualTo("resource_missing");
    }

    @Test
    void aCardNeedingAuthenticationSendsTheShopperToStripesRedirect() {
        PaymentView payment = pay("pm_card_threeDSecure2Required", "80.00");

        assertThat(payment.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(payment.challenged()).isTrue();
        assertThat(payment.redirectUrl()).startsWith("https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=pi_");
    }

    @Test
    void refreshAsksStripeWhereTheIntentStands() {
        PaymentView payment = pay("pm_card_threeDSecure2Required", "80.00");
        String intent = providerReference(payment);
        stub.succeed(intent);

        ProviderOutcome outcome = stripe.refresh(records.find(payment.id()).orElseThrow());

        assertThat(outcome).isInstanceOf(ProviderOutcome.Captured.class);
        assertThat(outcome.providerReference()).isEqualTo(intent);
    }

    @Test
    void recoveryFindsTheIntentByThePaymentsIdWhenItsReferenceWasNeverRecorded() {
        PaymentView payment = pay("pm_card_visa", "31.00");
        ProviderPayment recorded = records.find(payment.id()).orElseThrow();
        ProviderPayment unanswered = new ProviderPayment(recorded.id(), recorded.reference(), recorded.amount(),
                recorded.provider(), recorded.method(), null, PaymentStatus.PROCESSING, false, null, null, null, null);
        ProviderPayment unknown = new ProviderPayment(new PaymentId(UUID.randomUUID()), recorded.reference(),
                recorded.amount(), recorded.provider(), recorded.method(), null, PaymentStatus.PROCESSING, false, null, null,
                null, null);

        ProviderOutcome outcome = stripe.recover(unanswered);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Captured.class);
        assertThat(outcome.providerReference()).isEqualTo(providerReference(payment));
        assertThat(stub.calls("/v1/payment_intents/search")).isNotEmpty();
        assertThat(stripe.recover(unknown)).as("not found: Stripe cannot tell yet").isNull();
    }

    @Test
    void onlyCardsGoThroughStripe() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> payments.pay(new PaymentRequest("stripe-" + id, Money.euros("10"),
                        new PaymentMethod.Wallet(), null, null, "key-" + UUID.randomUUID()), stripe))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(payments.forReference("stripe-" + id)).isEmpty();
    }

    @Test
    void aRefundGoesBackToThePaymentIntentOnce() {
        PaymentView payment = pay("pm_card_visa", "30.00");
        String key = "stripe-refund-" + id;

        Refund refund = payments.refund(payment.id(), Money.euros("12.50"), key, stripe);
        Refund again = payments.refund(payment.id(), Money.euros("12.50"), key, stripe);

        assertThat(refund.status()).isEqualTo("SUCCEEDED");
        assertThat(again).isEqualTo(refund);
        PaymentView after = payments.find(payment.id()).orElseThrow();
        assertThat(after.refunded()).isEqualTo(Money.euros("12.50"));
        assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(stub.calls("/v1/refunds")).filteredOn(call -> call.form().get("payment_intent").equals(providerReference(payment)))
                .singleElement().satisfies(call -> {
                    assertThat(call.form()).containsEntry("amount", "1250");
                    assertThat(call.idempotencyKey()).isEqualTo("boucle_refund_" + refund.id());
                });
    }

    @Test
    void aRefundTheProviderCannotMakeIsRecordedAsFailedAndRefundsNothing() {
        PaymentView payment = pay("pm_card_visa", "30.00");

        // the application's own Stripe provider has no API key in the shared test context
        Refund refund = payments.refund(payment.id(), Money.euros("12.50"), "unconfigured-" + id);

        assertThat(refund.status()).isEqualTo("FAILED");
        assertThat(payments.find(payment.id()).orElseThrow().refunded()).isEqualTo(Money.euros("0"));
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        // a failed refund no longer holds its amount: the whole payment can still be refunded
        assertThat(payments.refund(payment.id(), Money.euros("30.00"), "whole-" + id, stripe).status()).isEqualTo("SUCCEEDED");
    }

    // Webhook

    String event(String type, PaymentView payment, String status) {
        return """
                {"id": "evt_%s", "object": "event", "api_version": "%s", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "type": "%s",
                 "data": {"object": {"id": "%s", "object": "payment_intent", "amount": 8000, "currency": "eur",
                                     "status": "%s", "metadata": {"boucle_payment_id": "%s"},
                                     "last_payment_error": %s}}}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), Stripe.API_VERSION, clock.instant().getEpochSecond(),
                        type, providerReference(payment), status, payment.id(),
                        status.equals("requires_payment_method")
                                ? "{\"type\": \"card_error\", \"code\": \"card_declined\", \"decline_code\": \"authentication_required\"}"
                                : "null");
    }

    static String signature(String payload, long timestamp, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return "t=" + timestamp + ",v1=" + signed;
    }

    MvcResult send(String payload, String signature) throws Exception {
        return webhook.perform(post("/api/v1/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
                .content(payload).header("Stripe-Signature", signature)).andReturn();
    }

    @Test
    void aSignedSuccessNotificationCapturesOnceAndItsReplayChangesNothing() throws Exception {
        PaymentView payment = pay("pm_card_threeDSecure2Required", "80.00");
        String payload = event("payment_intent.succeeded", payment, "succeeded");
        String signature = signature(payload, clock.instant().getEpochSecond(), SECRET);

        MvcResult first = send(payload, signature);
        MvcResult replay = send(payload, signature);

        assertThat(first.getResponse().getStatus()).isEqualTo(200);
        assertThat(replay.getResponse().getStatus()).isEqualTo(200);
        PaymentView captured = payments.find(payment.id()).orElseThrow();
        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured.challenged()).isTrue();
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.captured(payment.id())).isEqualTo(1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(PaymentEventsProbe.captured(payment.id())).isEqualTo(1));
    }

    @Test
    void aSignedFailureNotificationFailsThePaymentOnce() throws Exception {
        PaymentView payment = pay("pm_card_threeDSecure2Required", "80.00");
        String payload = event("payment_intent.payment_failed", payment, "requires_payment_method");
        String signature = signature(payload, clock.instant().getEpochSecond(), SECRET);

        assertThat(send(payload, signature).getResponse().getStatus()).isEqualTo(200);
        assertThat(send(payload, signature).getResponse().getStatus()).isEqualTo(200);
        // a success arriving after the failure does not capture a failed payment
        String late = event("payment_intent.succeeded", payment, "succeeded");
        assertThat(send(late, signature(late, clock.instant().getEpochSecond(), SECRET)).getResponse().getStatus()).isEqualTo(200);

        PaymentView failed = payments.find(payment.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.declineCode()).isEqualTo("authentication_required");
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.failed(payment.id())).isEqualTo(1));
        assertThat(PaymentEventsProbe.captured(payment.id())).isZero();
    }

    @Test
    void aBadSignatureIsRefusedWithAProblem() throws Exception {
        PaymentView payment = pay("pm_card_threeDSecure2Required", "80.00");
        String payload = event("payment_intent.succeeded", payment, "succeeded");

        MvcResult wrongSecret = send(payload, signature(payload, clock.instant().getEpochSecond(), "whsec_someone_else"));
        MvcResult tampered = send(payload.replace("8000", "1"), signature(payload, clock.instant().getEpochSecond(), SECRET));
        MvcResult missing = webhook.perform(post("/api/v1/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
                .content(payload)).andReturn();

        for (MvcResult result : java.util.List.of(wrongSecret, tampered, missing)) {
            assertThat(result.getResponse().getStatus()).isEqualTo(400);
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
            assertThat(result.getResponse().getContentAsString()).contains("\"status\":400").contains("Stripe-Signature");
        }
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
    }

    @Test
    void aStaleNotificationIsRefusedAsAReplay() throws Exception {
        PaymentView payment = pay("pm_card_threeDSecure2Required", "80.00");
        String payload = event("payment_intent.succeeded", payment, "succeeded");

        MvcResult stale = send(payload, signature(payload, clock.instant().minus(Duration.ofMinutes(10)).getEpochSecond(), SECRET));

        assertThat(stale.getResponse().getStatus()).isEqualTo(400);
        assertThat(stale.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(stale.getResponse().getContentAsString()).contains("tolerance");
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
    }

    @Test
    void eventsOfOtherSystemsAreAcknowledgedAndIgnored() throws Exception {
        String payload = """
                {"id": "evt_other", "object": "event", "api_version": "%s", "created": %d, "type": "customer.created",
                 "data": {"object": {"id": "cus_1", "object": "customer"}}}""".formatted(Stripe.API_VERSION, clock.instant().getEpochSecond());

        assertThat(send(payload, signature(payload, clock.instant().getEpochSecond(), SECRET)).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void theWebhookIsReachableWithoutLoginOrCsrfAndRefusesAllWhileUnconfigured() {
        Http http = new Http(port);

        HttpResponse<String> answer = http.postJson("/api/v1/webhooks/stripe", "{}", "Stripe-Signature", "t=1,v1=00");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("not configured");
    }
}
