package io.boucle.payment.testprovider;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.boucle.payment.PaymentMethod;
import io.boucle.payment.PaymentRequest;
import io.boucle.payment.PaymentStatus;
import io.boucle.payment.PaymentView;
import io.boucle.payment.Payments;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The test provider's pages through HTTP, as a shopper's browser uses them. */
@IntegrationTest
class TestProviderPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Payments payments;

    @Autowired
    JdbcClient jdbc;

    Http http;

    final String id = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    PaymentView pay(PaymentMethod method) {
        return payments.pay(new PaymentRequest("page-" + id, Money.euros("64.90"), method, "shopper@boucle.test",
                "/checkout/return?step=pay", UUID.randomUUID().toString()));
    }

    static String back(PaymentView payment) {
        return "/checkout/return?step=pay&payment=" + payment.id();
    }

    /** Gets a provider page and posts its first form with CSRF token and the given fields. */
    HttpResponse<String> submit(String path, String... fields) {
        HttpResponse<String> page = http.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        String[] all = new String[fields.length + 2];
        all[0] = "_csrf";
        all[1] = Http.csrfToken(page.body());
        System.arraycopy(fields, 0, all, 2, fields.length);
        return http.postForm(path, Http.form(all));
    }

    // Hosted card page

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "4242 4242 4242 4242, CAPTURED, , 4242",
            "4000 0000 0000 0002, FAILED, card_declined, 0002",
            "4000 0000 0000 9995, FAILED, insufficient_funds, 9995",
            "1234 5678 9012 3456, FAILED, incorrect_number, 3456"})
    void theHostedCardPageTakesTestCardNumbers(String number, PaymentStatus status, String declineCode, String last4) {
        PaymentView payment = pay(new PaymentMethod.HostedCard());
        assertThat(payment.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(payment.redirectUrl()).isEqualTo("/pay/test/card/" + payment.id());

        HttpResponse<String> answer = submit(payment.redirectUrl(), "number", number, "expiry", "12/34", "cvc", "123");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith(back(payment));
        PaymentView after = payments.find(payment.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(status);
        assertThat(after.declineCode()).isEqualTo(declineCode);
        assertThat(after.cardLast4()).isEqualTo(last4);
        assertThat(after.challenged()).isFalse();
        String digits = number.replace(" ", "");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment.payment WHERE payment::text LIKE :n")
                .param("n", "%" + digits.substring(0, 12) + "%").query(Long.class).single())
                .as("the card number is nowhere in the payment row").isZero();
    }

    @Test
    void aCardNeedingAuthenticationGoesThroughTheChallengePage() {
        PaymentView payment = pay(new PaymentMethod.HostedCard());

        HttpResponse<String> answer = submit(payment.redirectUrl(), "number", "4000 0027 6000 3184", "expiry", "01/30", "cvc", "999");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/pay/test/3ds/" + payment.id());
        PaymentView waiting = payments.find(payment.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(waiting.redirectUrl()).isEqualTo("/pay/test/3ds/" + payment.id());
        assertThat(waiting.challenged()).isTrue();
        assertThat(waiting.cardLast4()).isEqualTo("3184");
        // the card form is done with: going back to it leads to the shop, not to a second card entry
        assertThat(http.get("/pay/test/card/" + payment.id()).statusCode()).isEqualTo(302);

        HttpResponse<String> completed = submit("/pay/test/3ds/" + payment.id(), "action", "complete");

        assertThat(completed.headers().firstValue("Location").orElseThrow()).endsWith(back(payment));
        PaymentView captured = payments.find(payment.id()).orElseThrow();
        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured.challenged()).isTrue();
        assertThat(captured.cardBrand()).isEqualTo("visa");
    }

    @Test
    void theHostedCardPageAsksAgainForAMissingOrMalformedField() {
        PaymentView payment = pay(new PaymentMethod.HostedCard());

        HttpResponse<String> noNumber = submit(payment.redirectUrl(), "number", "  ", "expiry", "12/34", "cvc", "123");
        HttpResponse<String> badExpiry = submit(payment.redirectUrl(), "number", "4242424242424242", "expiry", "13/34", "cvc", "123");

        assertThat(noNumber.statusCode()).isEqualTo(200);
        assertThat(noNumber.body()).contains("Saisissez le numéro de la carte");
        assertThat(badExpiry.statusCode()).isEqualTo(200);
        assertThat(badExpiry.body()).contains("MM/AA");
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
    }

    @Test
    void theHostedCardPageSpeaksFrenchAndEnglish() {
        PaymentView payment = pay(new PaymentMethod.HostedCard());

        HttpResponse<String> french = http.get(payment.redirectUrl());
        HttpResponse<String> english = http.get(payment.redirectUrl() + "?lang=en");

        assertThat(french.body()).contains("lang=\"fr\"").contains("Numéro de carte").contains("64,90");
        assertThat(english.body()).contains("lang=\"en\"").contains("Card number").contains("€64.90");
        assertThat(english.body()).doesNotContain("<script").doesNotContain("style=");
        assertThat(english.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void theShopperCanCancelOnTheHostedCardPage() {
        PaymentView payment = pay(new PaymentMethod.HostedCard());

        HttpResponse<String> answer = http.postForm(payment.redirectUrl(),
                Http.form("_csrf", Http.csrfToken(http.get(payment.redirectUrl()).body()), "action", "cancel"));

        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith(back(payment));
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CANCELLED);
    }

    @Test
    void aFormWithoutCsrfTokenIsRefused() {
        PaymentView payment = pay(new PaymentMethod.HostedCard());
        http.get(payment.redirectUrl());

        HttpResponse<String> answer = http.postForm(payment.redirectUrl(), Http.form("number", "4242424242424242",
                "expiry", "12/34", "cvc", "123"));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
    }

    // Challenge page

    @Test
    void completingTheChallengeCapturesOnceHoweverOftenItIsPosted() {
        PaymentView payment = pay(new PaymentMethod.Card("tok_3ds"));
        String page = payment.redirectUrl();
        String token = Http.csrfToken(http.get(page).body());

        HttpResponse<String> first = http.postForm(page, Http.form("_csrf", token, "action", "complete"));
        HttpResponse<String> replay = http.postForm(page, Http.form("_csrf", token, "action", "complete"));
        HttpResponse<String> failAfterwards = http.postForm(page, Http.form("_csrf", token, "action", "fail"));
        HttpResponse<String> reload = http.get(page);

        for (HttpResponse<String> answer : java.util.List.of(first, replay, failAfterwards, reload)) {
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith(back(payment));
        }
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        await().untilAsserted(() -> assertThat(CapturedProbe.count(payment)).isEqualTo(1));
        await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(CapturedProbe.count(payment)).isEqualTo(1));
    }

    @Test
    void failingTheChallengeFailsThePayment() {
        PaymentView payment = pay(new PaymentMethod.Card("tok_3ds"));
        HttpResponse<String> page = http.get(payment.redirectUrl());
        assertThat(page.body()).contains("3-D Secure").contains("3184");

        HttpResponse<String> answer = submit(payment.redirectUrl(), "action", "fail");

        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith(back(payment));
        PaymentView failed = payments.find(payment.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.declineCode()).isEqualTo("authentication_failed");
        assertThat(failed.challenged()).isTrue();
    }

    // Wallet page

    @Test
    void approvingInTheWalletCaptures() {
        PaymentView payment = pay(new PaymentMethod.Wallet());
        assertThat(payment.redirectUrl()).isEqualTo("/pay/test/wallet/" + payment.id());

        HttpResponse<String> answer = submit(payment.redirectUrl(), "action", "approve");

        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith(back(payment));
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void cancellingInTheWalletCancels() {
        PaymentView payment = pay(new PaymentMethod.Wallet());

        HttpResponse<String> answer = submit(payment.redirectUrl(), "action", "cancel");

        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith(back(payment));
        PaymentView cancelled = payments.find(payment.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(cancelled.declineCode()).isEqualTo("cancelled");
    }

    @Test
    void pagesOfUnknownPaymentsAreNotFound() {
        assertThat(http.get("/pay/test/card/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(http.get("/pay/test/3ds/not-an-id").statusCode()).isEqualTo(404);
        PaymentView captured = pay(new PaymentMethod.Card("tok_visa"));
        assertThat(http.get("/pay/test/wallet/" + captured.id()).statusCode()).isEqualTo(302);
    }
}
