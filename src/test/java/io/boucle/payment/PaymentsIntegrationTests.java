package io.boucle.payment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.boucle.payment.provider.PaymentProvider;
import io.boucle.payment.provider.ProviderOutcome;
import io.boucle.payment.provider.ProviderPayment;
import io.boucle.shared.Money;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class PaymentsIntegrationTests {

    @Autowired
    Payments payments;

    @Autowired
    GiftCards giftCards;

    @Autowired
    DemoGiftCards demoGiftCards;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    final String id = UUID.randomUUID().toString().substring(0, 8);

    PaymentRequest request(String reference, String amount, PaymentMethod method) {
        return new PaymentRequest(reference + "-" + id, Money.euros(amount), method, "shopper@boucle.test",
                "/checkout/return", UUID.randomUUID().toString());
    }

    static PaymentMethod.Card card(String token) {
        return new PaymentMethod.Card(token);
    }

    // Test tokens

    @Test
    void tokVisaIsCapturedWithoutChallengeAndAnnouncedOnce() {
        PaymentView payment = payments.pay(request("visa", "49.90", card("tok_visa")));

        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.provider()).isEqualTo("test");
        assertThat(payment.method()).isEqualTo("card");
        assertThat(payment.amount()).isEqualTo(Money.euros("49.90"));
        assertThat(payment.refunded()).isEqualTo(Money.euros("0"));
        assertThat(payment.challenged()).isFalse();
        assertThat(payment.cardBrand()).isEqualTo("visa");
        assertThat(payment.cardLast4()).isEqualTo("4242");
        assertThat(payment.redirectUrl()).isNull();
        assertThat(payment.declineCode()).isNull();
        assertThat(payments.find(payment.id())).contains(payment);
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.captured(payment.id())).isEqualTo(1));
    }

    @Test
    void tok3dsWaitsForTheChallengePage() {
        PaymentView payment = payments.pay(request("3ds", "120.00", card("tok_3ds")));

        assertThat(payment.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        assertThat(payment.redirectUrl()).isEqualTo("/pay/test/3ds/" + payment.id());
        assertThat(payment.challenged()).isTrue();
        assertThat(payment.cardLast4()).isEqualTo("3184");
        assertThat(PaymentEventsProbe.captured(payment.id()) + PaymentEventsProbe.failed(payment.id())).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"tok_declined, card_declined, 0002", "tok_insufficient_funds, insufficient_funds, 9995"})
    void declinedTokensFailWithTheirReason(String token, String declineCode, String last4) {
        PaymentView payment = payments.pay(request("declined", "15.00", card(token)));

        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.declineCode()).isEqualTo(declineCode);
        assertThat(payment.cardLast4()).isEqualTo(last4);
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.failures(payment.id()))
                .singleElement().satisfies(failed -> {
                    assertThat(failed.declineCode()).isEqualTo(declineCode);
                    assertThat(failed.reference()).isEqualTo(payment.reference());
                }));
    }

    @Test
    void anUnknownTokenIsRefusedClearlyAndNothingIsRecorded() {
        PaymentRequest request = request("unknown", "10.00", card("tok_nope"));

        assertThatThrownBy(() -> payments.pay(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tok_nope").hasMessageContaining("tok_visa");
        assertThat(payments.forReference(request.reference())).isEmpty();
    }

    @Test
    void incompleteRequestsAreRefusedBeforeAnythingIsRecorded() {
        String reference = "bad-" + id;
        List<PaymentRequest> bad = List.of(
                new PaymentRequest(reference, Money.euros("0"), card("tok_visa"), null, null, "k-" + UUID.randomUUID()),
                new PaymentRequest(reference, Money.euros("-5"), card("tok_visa"), null, null, "k-" + UUID.randomUUID()),
                new PaymentRequest(reference, Money.euros("1.001"), card("tok_visa"), null, null, "k-" + UUID.randomUUID()),
                new PaymentRequest(reference, Money.euros("5"), card("tok_visa"), null, null, " "),
                new PaymentRequest(reference, Money.euros("5"), null, null, null, "k-" + UUID.randomUUID()),
                new PaymentRequest(reference, Money.euros("5"), card("tok_visa"), null, "//evil.example/x", "k-" + UUID.randomUUID()),
                new PaymentRequest(reference, Money.euros("5"), new PaymentMethod.GiftCard(" "), null, null, "k-" + UUID.randomUUID()));

        for (PaymentRequest request : bad) {
            assertThatThrownBy(() -> payments.pay(request)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(payments.forReference(reference)).isEmpty();
    }

    // Instalments

    @ParameterizedTest(name = "{0} instalments")
    @CsvSource({"3, 33.34, 33.33", "4, 25.00, 25.00"})
    void instalmentsCaptureWithAMonthlySchedule(int count, String first, String others) {
        LocalDate today = LocalDate.now(clock);

        PaymentView payment = payments.pay(request("split", "100.00", new PaymentMethod.Instalments(count)));

        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.method()).isEqualTo("instalments");
        assertThat(payment.amount()).isEqualTo(Money.euros("100.00"));
        assertThat(payment.schedule()).hasSize(count);
        assertThat(payment.schedule().getFirst()).isEqualTo(new Instalment(1, today, Money.euros(first)));
        for (int i = 1; i < count; i++) {
            assertThat(payment.schedule().get(i)).isEqualTo(new Instalment(i + 1, today.plusMonths(i), Money.euros(others)));
        }
        assertThat(payments.find(payment.id()).orElseThrow().schedule()).isEqualTo(payment.schedule());
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.captured(payment.id())).isEqualTo(1));
    }

    @Test
    void instalmentsComeInThreeOrFourOnly() {
        PaymentRequest five = request("split5", "100.00", new PaymentMethod.Instalments(5));

        assertThatThrownBy(() -> payments.pay(five)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 or 4");
        assertThat(payments.forReference(five.reference())).isEmpty();
    }

    // Gift cards

    @Test
    void aGiftCardPaysWhileItsBalanceCoversTheAmount() {
        String code = "GC-" + id;
        giftCards.issue(code, Money.euros("50.00"), Instant.now(clock));

        PaymentView first = payments.pay(request("gift", "30.00", new PaymentMethod.GiftCard(code.toLowerCase())));
        PaymentView second = payments.pay(request("gift", "30.00", new PaymentMethod.GiftCard(code)));

        assertThat(first.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(first.provider()).isEqualTo("giftcard");
        assertThat(second.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(second.declineCode()).isEqualTo("insufficient_balance");
        assertThat(giftCards.balance(code)).contains(Money.euros("20.00"));
        await().untilAsserted(() -> {
            assertThat(PaymentEventsProbe.captured(first.id())).isEqualTo(1);
            assertThat(PaymentEventsProbe.failed(second.id())).isEqualTo(1);
        });
    }

    @Test
    void theDemoShopHasGiftCardsToPayWith() {
        demoGiftCards.seed();
        demoGiftCards.seed();

        assertThat(giftCards.balance(DemoGiftCards.FIFTY_EUROS)).hasValueSatisfying(balance -> {
            assertThat(balance.currency()).isEqualTo(Money.EUR);
            assertThat(balance.isPositive()).isTrue();
        });
        assertThat(giftCards.balance("boucle demo 5")).isPresent();
    }

    @Test
    void anUnknownGiftCardFails() {
        PaymentView payment = payments.pay(request("gift", "5.00", new PaymentMethod.GiftCard("NO-SUCH-" + id)));

        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.declineCode()).isEqualTo("unknown_gift_card");
    }

    @Test
    void concurrentPaymentsNeverSpendAGiftCardTwice() throws Exception {
        String code = "GC-RACE-" + id;
        giftCards.issue(code, Money.euros("50.00"), Instant.now(clock));

        List<PaymentView> results = concurrently(10, () -> payments.pay(request("race", "20.00", new PaymentMethod.GiftCard(code))));

        assertThat(results).filteredOn(p -> p.status() == PaymentStatus.CAPTURED).hasSize(2);
        assertThat(results).filteredOn(p -> p.status() == PaymentStatus.FAILED).hasSize(8)
                .allSatisfy(p -> assertThat(p.declineCode()).isEqualTo("insufficient_balance"));
        assertThat(giftCards.balance(code)).contains(Money.euros("10.00"));
    }

    @Test
    void aGiftCardRefundCreditsTheCardBack() {
        String code = "GC-BACK-" + id;
        giftCards.issue(code, Money.euros("40.00"), Instant.now(clock));
        PaymentView payment = payments.pay(request("gift", "25.00", new PaymentMethod.GiftCard(code)));

        Refund refund = payments.refund(payment.id(), Money.euros("10.00"), "r-" + UUID.randomUUID());

        assertThat(refund.status()).isEqualTo("SUCCEEDED");
        assertThat(giftCards.balance(code)).contains(Money.euros("25.00"));
        assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    }

    // Idempotency

    @Test
    void theSameKeyTwiceReturnsTheSamePaymentAndChargesOnce() {
        PaymentRequest request = request("twice", "42.00", card("tok_visa"));

        PaymentView first = payments.pay(request);
        PaymentView second = payments.pay(request);

        assertThat(second).isEqualTo(first);
        assertThat(payments.forReference(request.reference())).hasSize(1);
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.captured(first.id())).isEqualTo(1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(PaymentEventsProbe.captured(first.id())).isEqualTo(1));
    }

    @Test
    void tenConcurrentCallsWithOneKeyMakeOnePayment() throws Exception {
        PaymentRequest request = request("ten", "18.00", card("tok_visa"));

        List<PaymentView> results = concurrently(10, () -> payments.pay(request));

        assertThat(results).extracting(PaymentView::id).containsOnly(results.getFirst().id());
        assertThat(results).extracting(PaymentView::status).containsOnly(PaymentStatus.CAPTURED);
        assertThat(payments.forReference(request.reference())).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment.payment WHERE idempotency_key = :k")
                .param("k", request.idempotencyKey()).query(Long.class).single()).isEqualTo(1);
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.captured(results.getFirst().id())).isEqualTo(1));
    }

    @Test
    void aKeyUsedForAnotherPaymentIsRefused() {
        PaymentRequest request = request("reuse", "10.00", card("tok_visa"));
        payments.pay(request);

        PaymentRequest other = new PaymentRequest(request.reference(), Money.euros("11.00"), card("tok_visa"), null, null,
                request.idempotencyKey());

        assertThatThrownBy(() -> payments.pay(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idempotency key");
    }

    @Test
    void everyAttemptOfAReferenceIsKeptWithItsOutcome() {
        String reference = "retry-" + id;
        payments.pay(new PaymentRequest(reference, Money.euros("30.00"), card("tok_declined"), null, null, "a-" + UUID.randomUUID()));
        payments.pay(new PaymentRequest(reference, Money.euros("30.00"), card("tok_visa"), null, null, "b-" + UUID.randomUUID()));

        assertThat(payments.forReference(reference)).extracting(PaymentView::status, PaymentView::declineCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PaymentStatus.FAILED, "card_declined"),
                        org.assertj.core.groups.Tuple.tuple(PaymentStatus.CAPTURED, null));
    }

    // Refunds

    @Test
    void aRefundWhoseProviderDoesNotAnswerStaysPendingAndIsAskedAgainUnderItsOwnKey() {
        PaymentView payment = payments.pay(request("unanswered", "80.00", card("tok_visa")));
        List<String> keysAsked = new CopyOnWriteArrayList<>();
        PaymentProvider silent = new PaymentProvider() {
            public String name() {
                return "test";
            }

            public void check(PaymentMethod method) {
            }

            public ProviderOutcome start(ProviderPayment attempt) {
                throw new UnsupportedOperationException();
            }

            public RefundOutcome refund(ProviderPayment attempt, Money amount, String refundKey) {
                keysAsked.add(refundKey);
                throw new IllegalStateException("read timed out");
            }
        };
        Instant start = clock.instant();
        try {
            Refund unanswered = payments.refund(payment.id(), Money.euros("80.00"), "silent-" + id, silent);

            assertThat(unanswered.status()).as("it may have been made: neither failed nor made").isEqualTo("PENDING");
            assertThat(unanswered.failure()).isEqualTo("provider_unreachable");
            assertThat(unanswered.failed()).isFalse();
            assertThat(payments.find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
            assertThatThrownBy(() -> payments.refund(payment.id(), Money.euros("0.01"), "other-" + id))
                    .as("the pending refund still counts against the captured amount")
                    .isInstanceOf(IllegalArgumentException.class);

            payments.retryPendingRefunds(1000);
            assertThat(refundStatus("silent-" + id)).as("too recent: its call may be under way").isEqualTo("PENDING");

            clock.advance(Duration.ofMinutes(4));
            payments.retryPendingRefunds(1000);
            payments.retryPendingRefunds(1000);
        } finally {
            clock.set(start);
        }
        assertThat(refundStatus("silent-" + id)).isEqualTo("SUCCEEDED");
        assertThat(jdbc.sql("SELECT provider_reference FROM payment.refund WHERE idempotency_key = :key")
                .param("key", "silent-" + id).query(String.class).single())
                .as("asked again under the key of the first call").isEqualTo("test_refund_" + keysAsked.getFirst());
        PaymentView refunded = payments.find(payment.id()).orElseThrow();
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refunded()).isEqualTo(Money.euros("80.00"));
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.refunded(payment.id())).isEqualTo(1));
    }

    private String refundStatus(String key) {
        return jdbc.sql("SELECT status FROM payment.refund WHERE idempotency_key = :key").param("key", key)
                .query(String.class).single();
    }

    @Test
    void partialThenFullRefunds() {
        PaymentView payment = payments.pay(request("refund", "100.00", card("tok_visa")));

        Refund partial = payments.refund(payment.id(), Money.euros("30.00"), "r1-" + id);
        PaymentView afterPartial = payments.find(payment.id()).orElseThrow();
        Refund rest = payments.refund(payment.id(), Money.euros("70.00"), "r2-" + id);
        PaymentView afterAll = payments.find(payment.id()).orElseThrow();

        assertThat(partial.status()).isEqualTo("SUCCEEDED");
        assertThat(partial.amount()).isEqualTo(Money.euros("30.00"));
        assertThat(afterPartial.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(afterPartial.refunded()).isEqualTo(Money.euros("30.00"));
        assertThat(rest.status()).isEqualTo("SUCCEEDED");
        assertThat(afterAll.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(afterAll.refunded()).isEqualTo(Money.euros("100.00"));
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.refunded(payment.id())).isEqualTo(2));
    }

    @Test
    void refundsNeverExceedTheCapturedAmount() {
        PaymentView payment = payments.pay(request("over", "50.00", card("tok_visa")));
        payments.refund(payment.id(), Money.euros("40.00"), "o1-" + id);

        assertThatThrownBy(() -> payments.refund(payment.id(), Money.euros("10.01"), "o2-" + id))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceed");
        assertThatThrownBy(() -> payments.refund(payment.id(), Money.euros("0"), "o3-" + id))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> payments.refund(payment.id(), Money.of("5", "USD"), "o4-" + id))
                .isInstanceOf(IllegalArgumentException.class);

        PaymentView after = payments.find(payment.id()).orElseThrow();
        assertThat(after.refunded()).isEqualTo(Money.euros("40.00"));
        assertThat(after.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment.refund WHERE payment_id = :p").param("p", payment.id().value())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theSameRefundKeyRefundsOnce() throws Exception {
        PaymentView payment = payments.pay(request("refund-once", "60.00", card("tok_visa")));
        String key = "once-" + id;

        Refund first = payments.refund(payment.id(), Money.euros("20.00"), key);
        Refund again = payments.refund(payment.id(), Money.euros("20.00"), key);
        List<Refund> racing = concurrently(8, () -> payments.refund(payment.id(), Money.euros("20.00"), key));

        assertThat(again).isEqualTo(first);
        assertThat(racing).containsOnly(first);
        assertThat(payments.find(payment.id()).orElseThrow().refunded()).isEqualTo(Money.euros("20.00"));
        await().untilAsserted(() -> assertThat(PaymentEventsProbe.refunded(payment.id())).isEqualTo(1));
    }

    @Test
    void concurrentRefundsNeverExceedTheCapturedAmount() throws Exception {
        PaymentView payment = payments.pay(request("refund-race", "50.00", card("tok_visa")));

        List<Object> results = concurrently(10, () -> {
            try {
                return payments.refund(payment.id(), Money.euros("20.00"), "race-" + UUID.randomUUID());
            } catch (IllegalArgumentException e) {
                return e;
            }
        });

        assertThat(results).filteredOn(Refund.class::isInstance).hasSize(2);
        assertThat(payments.find(payment.id()).orElseThrow().refunded()).isEqualTo(Money.euros("40.00"));
    }

    @Test
    void onlyACapturedPaymentIsRefunded() {
        PaymentView declined = payments.pay(request("no-refund", "20.00", card("tok_declined")));
        PaymentView waiting = payments.pay(request("no-refund", "20.00", card("tok_3ds")));

        assertThatThrownBy(() -> payments.refund(declined.id(), Money.euros("5.00"), "n1-" + id))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FAILED");
        assertThatThrownBy(() -> payments.refund(waiting.id(), Money.euros("5.00"), "n2-" + id))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> payments.refund(new PaymentId(UUID.randomUUID()), Money.euros("5.00"), "n3-" + id))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // Figures

    @Test
    void attemptStatsCountEveryOutcome() {
        Instant from = Instant.now(clock).minus(Duration.ofHours(1));
        Instant to = Instant.now(clock).plus(Duration.ofHours(1));
        PaymentAttemptStats before = payments.attemptStats(from, to);

        payments.pay(request("stats", "10.00", card("tok_visa")));
        payments.pay(request("stats", "10.00", card("tok_declined")));
        payments.pay(request("stats", "10.00", card("tok_insufficient_funds")));
        payments.pay(request("stats", "10.00", card("tok_3ds")));
        PaymentAttemptStats after = payments.attemptStats(from, to);

        assertThat(after.attempts() - before.attempts()).isEqualTo(4);
        assertThat(after.captured() - before.captured()).isEqualTo(1);
        assertThat(after.failed() - before.failed()).isEqualTo(2);
        assertThat(after.frictionless() - before.frictionless()).isEqualTo(1);
        assertThat(after.challenged() - before.challenged()).isEqualTo(1);
        assertThat(after.declines().get("card_declined") - before.declines().getOrDefault("card_declined", 0L)).isEqualTo(1);
        assertThat(payments.attemptStats(to, to.plus(Duration.ofHours(1))).attempts()).isZero();
    }

    static <T> List<T> concurrently(int threads, Callable<T> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
