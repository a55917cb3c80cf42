package io.boucle.payment;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.boucle.catalog.Catalog;
import io.boucle.checkout.StoreFixtures;
import io.boucle.inventory.Inventory;
import io.boucle.inventory.StockLevel;
import io.boucle.order.OrderNumber;
import io.boucle.order.OrderStatus;
import io.boucle.order.OrderView;
import io.boucle.order.Orders;
import io.boucle.payment.provider.PaymentProvider;
import io.boucle.payment.provider.ProviderOutcome;
import io.boucle.payment.provider.ProviderPayment;
import io.boucle.shared.Money;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An attempt recorded as processing whose provider answer was never recorded (the shop stopped
 * during the call) gets the provider's answer from the recovery job, once.
 */
@IntegrationTest
class PaymentRecoveryIntegrationTests {

    /** Stands for the shop stopping: not an exception the payment code catches. */
    static final class Crash extends Error {
    }

    /** The built-in test provider's name. */
    static final String TEST = "test";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    Payments payments;

    @Autowired
    Orders orders;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    List<PaymentProvider> providers;

    StoreFixtures store;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now(Clock.systemUTC()));
        store = new StoreFixtures(new Http(port), json, catalog);
    }

    @AfterEach
    void resetClock() {
        clock.set(Instant.now(Clock.systemUTC()));
    }

    @Test
    void aCaptureTheShopNeverRecordedPaysTheOrderOnceAndConsumesItsStockOnce() {
        String sku = store.product("sauve", "20.00", 5);
        Placed order = awaitingPayment(sku, 2);
        PaymentView stuck = crashDuring(order, "tok_visa");
        assertThat(stuck.status()).isEqualTo(PaymentStatus.PROCESSING);

        payments.recoverProcessing(1000);
        assertThat(payments.find(stuck.id()).orElseThrow().status()).as("too recent: its call may be under way")
                .isEqualTo(PaymentStatus.PROCESSING);
        clock.advance(Duration.ofMinutes(4));
        payments.recoverProcessing(1000);
        payments.recoverProcessing(1000);

        PaymentView recovered = payments.find(stuck.id()).orElseThrow();
        assertThat(recovered.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(recovered.cardLast4()).isEqualTo("4242");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.PAID));
        await().atMost(Duration.ofSeconds(10)).until(() -> PaymentEventsProbe.captured(stuck.id()) == 1);
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 3, 0));
        assertThat(jdbc.sql("SELECT count(*) FROM inventory.movement WHERE sku = :sku AND reason = 'SOLD'")
                .param("sku", sku).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM orders.timeline WHERE order_number = :number AND kind = 'PAID'")
                .param("number", order.number().value()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDeclineTheShopNeverRecordedFailsTheAttemptAndTheStockStaysHeld() {
        String sku = store.product("refuse", "20.00", 5);
        Placed order = awaitingPayment(sku, 1);
        PaymentView stuck = crashDuring(order, "tok_insufficient_funds");
        clock.advance(Duration.ofMinutes(4));

        payments.recoverProcessing(1000);

        PaymentView recovered = payments.find(stuck.id()).orElseThrow();
        assertThat(recovered.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(recovered.declineCode()).isEqualTo("insufficient_funds");
        await().atMost(Duration.ofSeconds(10)).until(() -> PaymentEventsProbe.failed(stuck.id()) == 1);
        assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 5, 1));
    }

    @Test
    void anAttemptTheProviderNeverReceivedFails() {
        String sku = store.product("perdu", "20.00", 5);
        Placed order = awaitingPayment(sku, 1);
        PaymentView lost = crashBefore(order);
        clock.advance(Duration.ofMinutes(4));

        payments.recoverProcessing(1000);

        PaymentView recovered = payments.find(lost.id()).orElseThrow();
        assertThat(recovered.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(recovered.declineCode()).isEqualTo("not_received");
    }

    @Test
    void aProviderThatCannotTellIsAskedAgainUntilTheGiveUpDelay() {
        String reference = "recover-" + UUID.randomUUID();
        // Stripe, not configured in the tests, cannot tell where any payment stands.
        PaymentProvider stripe = provider("stripe", payment -> {
            throw new Crash();
        });
        assertThatThrownBy(() -> payments.pay(request(reference, "12.00", "tok_visa"), stripe)).isInstanceOf(Crash.class);
        PaymentView stuck = payments.forReference(reference).getFirst();

        clock.advance(Duration.ofMinutes(4));
        payments.recoverProcessing(1000);
        assertThat(payments.find(stuck.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PROCESSING);
        assertThat(payments.mayStillBePaid(reference)).isTrue();

        clock.advance(Duration.ofHours(1));
        payments.recoverProcessing(1000);
        PaymentView failed = payments.find(stuck.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.declineCode()).isEqualTo(Payments.NO_ANSWER);
        assertThat(payments.mayStillBePaid(reference)).isFalse();
    }

    @Test
    void aGiftCardAttemptLeftProcessingDebitedNothingAndFails() {
        String reference = "recover-" + UUID.randomUUID();
        PaymentProvider unknown = provider("elsewhere", payment -> {
            throw new Crash();
        });
        assertThatThrownBy(() -> payments.pay(request(reference, "12.00", "tok_visa"), unknown)).isInstanceOf(Crash.class);
        PaymentView stuck = payments.forReference(reference).getFirst();
        clock.advance(Duration.ofHours(2));
        payments.recoverProcessing(1000);
        assertThat(payments.find(stuck.id()).orElseThrow().status()).as("a provider the shop does not have is not asked")
                .isEqualTo(PaymentStatus.PROCESSING);

        jdbc.sql("UPDATE payment.payment SET provider = 'giftcard' WHERE id = :id").param("id", stuck.id().value()).update();
        payments.recoverProcessing(1000);

        assertThat(payments.find(stuck.id()).orElseThrow().declineCode()).isEqualTo(Payments.INTERRUPTED);
    }

    @Test
    void anOrderPastItsWindowIsNotCancelledWhileItsPaymentIsProcessingAtTheProvider() {
        String sku = store.product("fenetre", "20.00", 5);
        Placed order = awaitingPayment(sku, 1);
        clock.advance(Duration.ofMinutes(29));
        PaymentView stuck = crashDuring(order, "tok_visa");
        clock.advance(Duration.ofMinutes(2));

        orders.cancelUnpaid(1000);
        assertThat(orders.find(order.number()).orElseThrow().status()).as("its payment is too recent to ask about")
                .isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(payments.find(stuck.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PROCESSING);

        clock.advance(Duration.ofMinutes(2));
        orders.cancelUnpaid(1000);

        assertThat(payments.find(stuck.id()).orElseThrow().status()).as("asked before cancelling")
                .isEqualTo(PaymentStatus.CAPTURED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.PAID));
        orders.cancelUnpaid(1000);
        assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(payments.refunds(order.number().value())).isEmpty();
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 4, 0));
    }

    @Test
    void anOrderWhoseAttemptsFailedIsStillCancelledAfterItsWindow() {
        String sku = store.product("annule", "20.00", 5);
        Placed order = awaitingPayment(sku, 1);
        PaymentView lost = crashBefore(order);
        clock.advance(Duration.ofMinutes(31));

        orders.cancelUnpaid(1000);

        assertThat(payments.find(lost.id()).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(orders.find(order.number()).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(inventory.levels(List.of(sku)).get(sku)).isEqualTo(new StockLevel(sku, 5, 0));
    }

    record Placed(OrderNumber number, Money total) {
    }

    /** An order whose first attempt was declined: awaiting payment, its stock held. */
    private Placed awaitingPayment(String sku, int quantity) {
        HttpResponse<String> placed = store.checkout(store.readyCart(sku, quantity), "tok_declined", null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = store.read(placed).get("order");
        assertThat(order.get("status").asString()).isEqualTo("AWAITING_PAYMENT");
        OrderView view = orders.find(new OrderNumber(order.get("number").asString())).orElseThrow();
        return new Placed(view.number(), view.totals().total());
    }

    /** A new attempt the test provider answers, after which the shop stops before recording the answer. */
    private PaymentView crashDuring(Placed order, String token) {
        PaymentProvider test = provider(TEST, null);
        PaymentProvider crashing = provider(test.name(), payment -> {
            test.start(payment);
            throw new Crash();
        });
        assertThatThrownBy(() -> payments.pay(request(order.number().value(), order.total(), token), crashing))
                .isInstanceOf(Crash.class);
        return payments.forReference(order.number().value()).getLast();
    }

    /** A new attempt recorded, after which the shop stops before calling the provider. */
    private PaymentView crashBefore(Placed order) {
        PaymentProvider crashing = provider(TEST, payment -> {
            throw new Crash();
        });
        assertThatThrownBy(() -> payments.pay(request(order.number().value(), order.total(), "tok_visa"), crashing))
                .isInstanceOf(Crash.class);
        return payments.forReference(order.number().value()).getLast();
    }

    private PaymentRequest request(String reference, Money amount, String token) {
        return new PaymentRequest(reference, amount, new PaymentMethod.Card(token), "buyer@example.org", null,
                "recovery-" + UUID.randomUUID());
    }

    private PaymentRequest request(String reference, String euros, String token) {
        return request(reference, Money.euros(euros), token);
    }

    /** The shop's provider named {@code name} when {@code start} is null, else one that starts with {@code start}. */
    private PaymentProvider provider(String name, java.util.function.Function<ProviderPayment, ProviderOutcome> start) {
        PaymentProvider test = providers.stream().filter(provider -> provider.name().equals(TEST))
                .findFirst().orElseThrow();
        if (start == null) {
            return providers.stream().filter(provider -> provider.name().equals(name)).findFirst().orElseThrow();
        }
        return new PaymentProvider() {
            public String name() {
                return name;
            }

            public void check(PaymentMethod method) {
                test.check(method);
            }

            public ProviderOutcome start(ProviderPayment payment) {
                return start.apply(payment);
            }

            public RefundOutcome refund(ProviderPayment payment, Money amount, String refundKey) {
                return test.refund(payment, amount, refundKey);
            }
        };
    }

}
